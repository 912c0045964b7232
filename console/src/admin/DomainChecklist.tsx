import { useId } from 'react';

export interface DomainOption {
  code: string;
  nameZh: string;
  active: boolean;
}

/**
 * Domains to tick: the active ones, and any inactive one already chosen (kept until unticked). The
 * list scrolls in its own box so 43 domains do not make the form a page long.
 */
export function DomainChecklist(props: {
  legend: string;
  domains: DomainOption[];
  value: string[];
  onChange: (codes: string[]) => void;
}) {
  const id = useId();
  const shown = props.domains.filter((d) => d.active || props.value.includes(d.code));
  const toggle = (code: string, on: boolean) =>
    props.onChange(on ? [...props.value, code] : props.value.filter((c) => c !== code));
  return (
    <fieldset className="domain-checklist">
      <legend>
        {props.legend}（已选 {props.value.length} 项）
      </legend>
      <div className="checklist-box">
        {shown.map((d) => (
          <label key={d.code} htmlFor={`${id}-${d.code}`}>
            <input
              id={`${id}-${d.code}`}
              type="checkbox"
              checked={props.value.includes(d.code)}
              onChange={(e) => toggle(d.code, e.target.checked)}
            />
            {d.nameZh}
            {!d.active && '（已停用）'}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
