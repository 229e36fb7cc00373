/** The warning and the confirming tick box for free text that looks like it holds personal data. */
import { CONFIRM_NO_PERSONAL_DATA, type PersonalDataWarning } from "~/modules/platform/personal-data-check";
import { Checkbox, fieldId } from "./form";

export function PersonalDataCheck({ warnings }: { warnings: PersonalDataWarning[] | undefined | null }) {
  if (!warnings?.length) return null;
  return (
    <div className="govuk-!-margin-bottom-6">
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <div className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          Others read this text. Check it holds nothing about a person:
          <ul className="govuk-list govuk-list--bullet govuk-!-margin-top-2 govuk-!-margin-bottom-0">
            {warnings.map((w, i) => (
              <li key={i} className="govuk-body">
                <a className="govuk-link" href={`#${fieldId(w.field)}`}>
                  {w.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <Checkbox name={CONFIRM_NO_PERSONAL_DATA} label="I have checked: this text does not identify anyone" hint="Or change the text above, and save again." />
    </div>
  );
}
