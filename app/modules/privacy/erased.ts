/** What erased personal values read as, everywhere they were shown. */
export const ERASED = { person: "Erased person", champion: "Erased champion", jobTitle: "Erased", value: "[erased]" } as const;
