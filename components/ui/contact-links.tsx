/** Tap to call and tap to write: every phone number and e-mail address the site shows. */

/** `tel:` wants digits (and a leading +); "0800 123 4567" and "(71) 3202-0000" are shown as written. */
export function telHref(number: string): string {
  const digits = number.replace(/[^\d+]/g, '');
  return `tel:${digits}`;
}

export function PhoneLink({ number }: { number: string }) {
  return (
    <a href={telHref(number)} className="text-brand underline">
      {number}
    </a>
  );
}

export function EmailLink({ address }: { address: string }) {
  return (
    <a href={`mailto:${address}`} className="text-brand underline">
      {address}
    </a>
  );
}

export function PhoneLinks({ numbers, separator = ' / ' }: { numbers: string[]; separator?: string }) {
  return numbers.map((number, index) => (
    <span key={number}>
      {index > 0 && separator}
      <PhoneLink number={number} />
    </span>
  ));
}
