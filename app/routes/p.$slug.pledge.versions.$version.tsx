import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { formatDate } from "~/modules/platform/dates";
import { PledgeText } from "~/modules/pledge/components";
import { findVersion } from "~/modules/pledge/versions.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Pledge version ${data?.version.version ?? ""} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "adoption:view");
  const versionId = z.string().uuid().safeParse(params.version);
  if (!versionId.success) notFound();
  const version = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => findVersion(tx, { partnershipId: ctx.partnership.id, versionId: versionId.data }));
  if (!version || version.state !== "published") notFound();
  return json({ slug: ctx.partnership.slug, version });
}

export default function PledgeVersion() {
  const { slug, version } = useLoaderData<typeof loader>();
  return (
    <Main backLink={{ to: `/p/${slug}/pledge` }}>
      <span className="govuk-caption-l">
        Version {version.version}, published {formatDate(version.publishedAt!)}
      </span>
      <PledgeText pledge={version} headingLevel={1} />
    </Main>
  );
}
