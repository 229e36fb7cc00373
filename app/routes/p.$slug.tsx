import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { partnershipNav } from "~/modules/tenancy/navigation";
import { ServiceNav } from "~/ui/Layout";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "partnership:view");
  return json({
    partnership: { slug: ctx.partnership.slug, name: ctx.partnership.name },
    roles: [...ctx.roles],
  });
}

export default function PartnershipLayout() {
  const { partnership, roles } = useLoaderData<typeof loader>();
  const location = useLocation();
  const items = partnershipNav(partnership.slug, roles);
  return (
    <>
      {items.length > 1 ? <ServiceNav items={items} current={location.pathname} label={`${partnership.name} navigation`} /> : null}
      <Outlet />
    </>
  );
}
