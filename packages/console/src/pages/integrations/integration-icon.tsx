/** An integration's icon (an SVG data URI or an absolute URL), decorative beside its name. */
export function IntegrationIcon({ src, size = 32 }: { readonly src: string; readonly size?: number }) {
  return <img className="integration-icon" src={src} alt="" width={size} height={size} />;
}
