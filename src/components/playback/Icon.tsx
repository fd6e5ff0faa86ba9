/** Playback icons as inline SVG: unicode media symbols are missing from many classroom fonts. */
const PATHS = {
  play: 'M7 4l13 8-13 8z',
  pause: 'M6 4h4v16H6zM14 4h4v16h-4z',
  stepForward: 'M5 4l10 8-10 8zM17 4h3v16h-3z',
  stepBack: 'M19 4L9 12l10 8zM4 4h3v16H4z',
  reset: 'M12 5a7 7 0 1 1-6.6 4.7l2.3.8A4.6 4.6 0 1 0 12 7.4V10L7.5 6.2 12 2.5z',
} as const;

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
