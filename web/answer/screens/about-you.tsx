import type { PublicCampaign } from '../../../shared/api/public';
import { type Lang, pick } from '../../common/lang';
import { Title } from '../../common/staff';
import { strings } from '../text';
import { StepForm } from './step-form';

type Survey = PublicCampaign['survey'];

export function AboutYouPage(props: {
  lang: Lang;
  attributes: Survey['attributes'];
  values: Record<string, string>;
  primary: string;
  onChange(id: string, value: string): void;
  onNext(): void;
  onBack(): void;
}) {
  const { lang } = props;
  const s = strings(lang);
  return (
    <>
      <Title>{s.attrTitle}</Title>
      <p>{s.attrLead}</p>
      <StepForm lang={lang} primary={props.primary} onPrimary={props.onNext} onBack={props.onBack}>
        {props.attributes.map((a) => (
          <fieldset key={a.id} id={`a-${a.id}`} className="q">
            <legend>{pick(a.label, lang)}</legend>
            <div className="choices stack">
              {[{ value: '', label: { ja: s.preferNot } }, ...a.options].map((o) => (
                <label key={o.value} className="choice">
                  <input
                    type="radio"
                    name={`attr-${a.id}`}
                    value={o.value}
                    checked={(props.values[a.id] ?? '') === o.value}
                    onChange={() => props.onChange(a.id, o.value)}
                  />
                  <span>{pick(o.label, lang)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </StepForm>
    </>
  );
}
