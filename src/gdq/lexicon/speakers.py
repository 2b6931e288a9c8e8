"""Data for telling who a speaker is: surname readings, institution names, separators.

Lists about personal names in general (surnames, titles) are in :mod:`gdq.lexicon.names`.
"""

from __future__ import annotations

from gdq.lexicon import chars, table

# Characters read otherwise as a surname than pypinyin reads them (单 shan, not dan).
SURNAME_READINGS: dict[str, str] = table("surname_readings")
# A name ending in one of these is an institution (外交部, 新华社), not surname + given name.
ORG_FINALS: frozenset[str] = frozenset(chars("org_finals"))
# Marks between the posts listed in one role ("中山大学岭南学院教授、博士生导师").
ROLE_SEPARATORS: str = chars("role_separators")
# Marks that join the parts of a transliterated or western name (埃隆·马斯克, Tim Cook).
NAME_PART_SEPARATORS: str = chars("name_part_separators")
