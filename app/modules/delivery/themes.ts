/**
 * The six themes of the county RJ strategy (Appendix A of the Hampshire, Isle of Wight, Portsmouth
 * and Southampton strategy). Delivery-plan actions sit under them, and organisations state their
 * proposed activity per theme when they sign the pledge. Keys are stable; labels a partnership may rename.
 */
export const THEMES = [
  { key: "communication", label: "Communication, engagement and marketing" },
  { key: "quality", label: "Quality service provision and quality assurance" },
  { key: "sustainability", label: "Sustainability of services and training" },
  { key: "information_sharing", label: "Information sharing" },
  { key: "innovation", label: "Innovation" },
  { key: "partnership_working", label: "Partnership working" },
] as const;

export type ThemeKey = (typeof THEMES)[number]["key"];

export const THEME_KEYS = THEMES.map((t) => t.key) as ThemeKey[];

export function isThemeKey(value: string): value is ThemeKey {
  return (THEME_KEYS as string[]).includes(value);
}
