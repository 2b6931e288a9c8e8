"""Words and marks that frame speech in Chinese news, read by ``gdq.extract`` (statements,
frames, subjects, people).

Every list comes from how Chinese news is written, never from one article; each is the file of
the same name (lower case) in ``lexicon/data/``, and this module gives it a type. Surnames,
titles written after a name and honorifics are in ``gdq.lexicon.names``.
"""

from __future__ import annotations

from gdq.lexicon import chars, table, words

# --- reporting verbs -----------------------------------------------------------------------
REPORTING_VERBS: tuple[str, ...] = words("reporting_verbs")
# Verbs that take their reported clause without a comma.
CLAUSE_VERBS: frozenset[str] = frozenset(words("clause_verbs"))
# Verbs that report only when a comma or colon follows them at once (他指，…).
COMMA_ONLY_VERBS: frozenset[str] = frozenset(words("comma_only_verbs"))
# Verbs that name their listener before the words (X告诉观察者网，…); the words that show a
# subject clause holds such a frame are gdq.lexicon.sources.LISTENER_WORDS.
LISTENER_VERBS: frozenset[str] = frozenset(words("listener_verbs"))
# Words before a verb that belong to the act of reporting (律师分析称), and phrases ending in a
# verb that report nobody (应该说, 据说).
VERB_LEAD_INS: tuple[str, ...] = words("verb_lead_ins")
# Verbs before a reporting verb with a listener between them (回应记者称, 致函该组织表示).
LISTENER_LEAD_INS: tuple[str, ...] = words("listener_lead_ins")
FALSE_FRIEND_PHRASES: tuple[str, ...] = words("false_friend_phrases")
# Verbs by which only media and organisations speak (新华社报道); a person's are bylines.
MEDIA_VERBS: frozenset[str] = frozenset(words("media_verbs"))
DOCUMENT_VERBS: frozenset[str] = frozenset(words("document_verbs"))
# Verbs by which a body issues a document (X印发《…》，提出…).
DOCUMENT_ISSUE_VERBS: tuple[str, ...] = words("document_issue_verbs")
# Verbs by which a text gives its content with no comma (方案提出持续扩大…).
DOCUMENT_CLAUSE_VERBS: frozenset[str] = frozenset(words("document_clause_verbs"))
# Pronouns that tell no sex (其).
NEUTRAL_PRONOUNS: frozenset[str] = frozenset(words("neutral_pronouns"))
# Determiners that make a subject refer back (该负责人, 这位专家).
REFERENCE_DETERMINERS: tuple[str, ...] = words("reference_determiners")
# Nouns that refer back to an organisation rather than a person (该机构, 该公司).
GENERIC_ORG_HEADS: frozenset[str] = frozenset(words("generic_org_heads"))
VERB_SUFFIXES: tuple[str, ...] = words("verb_suffixes")
# 从四方面进行了分析: the lead and the counter around the number of points a speaker announces.
POINT_LEADS: tuple[str, ...] = words("point_leads")
POINT_COUNTERS: tuple[str, ...] = words("point_counters")
# Counters that make an anonymous source one person a pronoun may stand for (一位…人士).
SINGLE_PERSON_MARKERS: tuple[str, ...] = words("single_person_markers")

# --- false friends: what turns a reporting verb into something other than speech -----------
FALSE_FRIEND_OBJECTS: tuple[str, ...] = words("false_friend_objects")
# Verb -> the characters that make a different word right after it (称为, 说服).
FALSE_FRIEND_NEXT: dict[str, str] = table("false_friend_next")

# --- roles ----------------------------------------------------------------------------------
TITLE_WORDS: tuple[str, ...] = words("title_words")
BYLINE_TITLES: frozenset[str] = frozenset(words("byline_titles"))
ORG_SUFFIXES: tuple[str, ...] = words("org_suffixes")
INSTITUTION_WORDS: tuple[str, ...] = words("institution_words")
ROLE_LEADS: tuple[str, ...] = words("role_leads")
ROLE_ASIDE_MARKERS: tuple[str, ...] = words("role_aside_markers")
ROLE_CUT_AFTER: str = chars("role_cut_after")
# 该课程由院士李文华牵头: the agent mark a mention's role starts after, and the words that hold
# the same character but mark no agent (自由, 由于).
ROLE_AGENT_MARKS: str = chars("role_agent_marks")
ROLE_AGENT_GUARDS: tuple[str, ...] = words("role_agent_guards")

# --- what may stand between a name and its verb, or a quotation and its speaker -------------
ADVERBS: tuple[str, ...] = words("adverbs")
# Words of manner that make an adverb with a mark (激动地说, 戏谑的说), and those marks.
MANNER_WORDS: tuple[str, ...] = words("manner_words")
MANNER_MARKS: str = chars("manner_marks")
# What follows a number to make a date before a verb (3月20日表示).
DATE_UNITS: str = chars("date_units")
ADJUNCT_OPENERS: tuple[str, ...] = words("adjunct_openers")
LEADING_CONNECTIVES: tuple[str, ...] = words("leading_connectives")
ADJUNCT_CLAUSE_OPENERS: tuple[str, ...] = words("adjunct_clause_openers")
CHAIN_CONNECTIVES: tuple[str, ...] = words("chain_connectives")
# “…”这是X常挂在嘴边的一句话: demonstrative, copula, the speaker, then a saying word.
SAYING_DEMONSTRATIVES: tuple[str, ...] = words("saying_demonstratives")
SAYING_COPULAS: tuple[str, ...] = words("saying_copulas")
SAYING_WORDS: tuple[str, ...] = words("saying_words")
# Nouns for something said (X的建议), and the pronouns that mark words in quotation marks as
# someone speaking (我, 你).
SPEECH_NOUNS: frozenset[str] = frozenset(words("speech_nouns"))
SPEAKER_PRONOUNS: str = chars("speaker_pronouns")
# Words that make a quotation something heard or read (听到喊声, 上面写着), and the passive
# markers after which a second person acts on the subject (被, 让).
HEARD_OR_WRITTEN: tuple[str, ...] = words("heard_or_written")
PASSIVE_MARKERS: frozenset[str] = frozenset(words("passive_markers"))

# --- names and pronouns ---------------------------------------------------------------------
MALE_PRONOUN = "他"
EXISTENTIAL = "有"  # 有网友称, 有分析认为: "there is someone / some analysis that says"
FEMALE_PRONOUN = "她"
# Every mark that joins the parts of a transliterated name (· and the hyphen most of all).
FOREIGN_NAME_JOINERS: str = chars("foreign_name_joiners")
NAME_BREAKERS: str = chars("name_breakers")
NOT_NAMES: frozenset[str] = frozenset(words("not_names"))
MENTION_BREAKERS: str = NAME_BREAKERS + chars("mention_breakers")

# --- punctuation that marks clauses (the sentence ends are ``gdq.lexicon.marks``) -----------
COMMAS: str = chars("commas")
COLONS: str = chars("colons")
SEMICOLONS: str = chars("semicolons")
DASHES: str = chars("dashes")
FULL_STOP = "。"
SPEECH_LEAD_MARKS: str = chars("speech_lead_marks")
ADJUNCT_QUOTE_STOPS: str = chars("adjunct_quote_stops")
ROUND_BRACKETS: dict[str, str] = table("round_brackets")
