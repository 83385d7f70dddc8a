import DOMPurify from 'dompurify';

export function Comment({ body }: { body: string }) {
  return (
    <div>
      {/* ruleid: DSQ-JS-0009 */}
      <div dangerouslySetInnerHTML={{ __html: body }} />
      {/* ok: DSQ-JS-0009 */}
      <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(body) }} />
      {/* ok: DSQ-JS-0009 */}
      <div dangerouslySetInnerHTML={{ __html: '<b>static</b>' }} />
    </div>
  );
}
