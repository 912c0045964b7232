/** The characters of a unified social credit code (GB 32100: no I, O, S, V, Z) and of an ID number (X). */
const KEYS = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('');

/** An on-screen keypad: the terminal has no keyboard, and every key is a large touch target. */
export function Keypad(props: { value: string; max: number; onChange: (v: string) => void }) {
  const full = props.value.length >= props.max;
  return (
    <div className="kiosk-keypad" role="group" aria-label="屏幕键盘">
      {KEYS.map((k) => (
        <button key={k} type="button" disabled={full} onClick={() => props.onChange(props.value + k)}>
          {k}
        </button>
      ))}
      <button type="button" className="secondary" onClick={() => props.onChange(props.value.slice(0, -1))}>
        退格
      </button>
      <button type="button" className="secondary" onClick={() => props.onChange('')}>
        清空
      </button>
    </div>
  );
}
