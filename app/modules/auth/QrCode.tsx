/** A QR code drawn as one SVG path made on the server (see qrCodePath): no script, no image request. */
export function QrCode({ size, path, label }: { size: number; path: string; label: string }) {
  return (
    <svg
      className="gt-qr"
      viewBox={`0 0 ${size} ${size}`}
      width={Math.max(200, size * 5)}
      height={Math.max(200, size * 5)}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#0b0c0c" />
    </svg>
  );
}
