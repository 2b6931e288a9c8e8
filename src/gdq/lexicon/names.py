"""Data about personal names: surnames, their readings, and the titles written with a name."""

from __future__ import annotations

from gdq.lexicon import chars, table, words

# Single-character surnames; a name is a surname plus one or two characters (rarely three).
SURNAMES: str = chars("surnames")
# Two-character surnames -> their reading as a surname where it differs from the everyday one.
COMPOUND_SURNAMES: dict[str, tuple[str, str] | None] = {
    k: (v.split()[0], v.split()[1]) if v else None for k, v in table("compound_surnames").items()
}
# Titles after a surname or name (郑院长, 郑永年教授), and the courtesy ones among them.
TITLES_AFTER_NAME: tuple[str, ...] = words("titles_after_name")
COURTESY_TITLES: tuple[str, ...] = words("courtesy_titles")
# Words after a name that tell the person's sex.
FEMALE_HONORIFICS: tuple[str, ...] = words("female_honorifics")
MALE_HONORIFICS: tuple[str, ...] = words("male_honorifics")
# Honorific after a name -> the sex it tells (李娜女士, 张伟先生), women's first.
HONORIFIC_SEX: dict[str, str] = {h: "f" for h in FEMALE_HONORIFICS} | {h: "m" for h in MALE_HONORIFICS}
