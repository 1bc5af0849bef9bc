/**
 * The message at the top of a citizen's form after it was sent (an error, or what was done). The fields
 * themselves are components/ui/field.tsx.
 */
export function FormMessage({ status, message }: { status: 'error' | 'success'; message: string }) {
  return (
    <p
      role={status === 'error' ? 'alert' : 'status'}
      className={
        status === 'error'
          ? 'rounded-md border-4 border-red-700 bg-white p-4 font-bold text-red-800'
          : 'rounded-md border-l-8 border-green-700 bg-green-50 p-4 font-semibold text-green-900'
      }
    >
      {message}
    </p>
  );
}
