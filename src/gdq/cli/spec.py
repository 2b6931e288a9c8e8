"""Every command and option of gdq, declared once, as data.

Two parsers are built from this table: the fast parser (``gdq.cli.fastargs``), which handles
well-formed command lines without importing Typer, and the Typer app (``gdq.cli.app``), which
handles everything else (help, completion, usage errors). ``gdq.cli.commands`` receives the
options of both as one :class:`Args`, with the defaults declared here.
"""

# No ``from __future__ import annotations``: see gdq.models (NamedTuple creation cost).
from typing import NamedTuple

FORMATS = ("table", "plain", "json", "jsonl", "csv", "tsv")
EXPORT_FORMATS = ("jsonl", "json")
COLORS = ("auto", "always", "never")
KINDS = ("all", "direct", "indirect")


class Opt(NamedTuple):
    flags: tuple[str, ...]
    dest: str  # the attribute of Args the command reads
    kind: str  # "text", "texts" (repeatable), "int", "float", "flag" or "choice"
    help: str
    metavar: str = ""
    default: object = None
    minimum: int | None = None
    choices: tuple[str, ...] = ()


class Arg(NamedTuple):
    dest: str
    metavar: str
    help: str
    many: bool = False  # one or more values


class Command(NamedTuple):
    name: str
    summary: str  # one line, shown in ``gdq --help``
    help: str
    examples: tuple[str, ...]
    arg: Arg | None
    options: tuple[Opt, ...]
    records: tuple[str, ...]  # the ``type`` of the records it writes (what --fields may name)


CORPUS = Opt(
    ("--corpus", "-c"),
    "corpus",
    "texts",
    "File or folder of .txt files (repeatable); '-' reads standard input. "
    "Default: $GDQ_CORPUS, else the bundled article.",
    "PATH",
)
GLOB = Opt(
    ("--glob", "-g"),
    "glob",
    "texts",
    "Which files of a folder to read (repeatable; default *.txt; !PATTERN excludes).",
    "PATTERN",
)
FORMAT = Opt(
    ("--format", "-f"),
    "fmt",
    "choice",
    "Output format. Default: table on a terminal, plain when piped.",
    "FORMAT",
    choices=FORMATS,
)
JSON = Opt(("--json",), "as_json", "flag", "Same as --format json.", default=False)
FIELDS = Opt(
    ("--fields",),
    "fields",
    "text",
    "Only these keys, in this order (json, jsonl, csv, tsv, plain).",
    "KEY,KEY...",
)
LIMIT = Opt(("--limit", "-n"), "limit", "int", "Show at most N results (default: all).", "N", minimum=1)
NO_CACHE = Opt(("--no-cache",), "no_cache", "flag", "Neither read nor write the index cache.", default=False)
COLOR = Opt(
    ("--color",),
    "color",
    "choice",
    "Highlight matches: auto (on a terminal, unless NO_COLOR is set), always or never.",
    "WHEN",
    default="auto",
    choices=COLORS,
)
KIND = Opt(
    ("--kind", "-k"),
    "kind",
    "choice",
    "direct (quoted words), indirect (reported speech) or all.",
    "KIND",
    default="all",
    choices=KINDS,
)
TYPE = Opt(
    ("--type", "-t"),
    "speaker_type",
    "text",
    "Only these speaker types: person, organisation, media, document, anonymous, group.",
    "TYPE[,TYPE]",
)
ABOUT = Opt(
    ("--about",),
    "about",
    "texts",
    "Only records about these words: each occurs in the statement or its sentence (facts: the "
    "sentence), matched as keyword matches them. Repeatable; spaces separate words.",
    "WORDS",
)
UNIT = Opt(
    ("--unit", "-u"), "unit", "text", "Only facts with this unit (元, 人, 家, %, ...; 亿元 means 元).", "UNIT"
)

SOURCES = (CORPUS, GLOB, NO_CACHE)
OUTPUT = (FORMAT, JSON, FIELDS, COLOR)
QUERY = (*SOURCES, *OUTPUT, LIMIT)

COMMANDS: tuple[Command, ...] = (
    Command(
        "keyword",
        "Sentences that contain the words, exact matches first.",
        "Sentences that contain every word, best first, matches highlighted. Exact by default "
        "(full-width and half-width forms are the same; Latin letters ignore case); --fuzzy adds "
        "near matches (typos) below them, and when nothing matches exactly the near matches are "
        "shown with a note on stderr.",
        ("gdq keyword 人工智能", "gdq keyword 制造业 -C 1", "gdq keyword 大湾区 --count -c news/"),
        Arg("words", "WORD...", "Word(s) to find; several words must all occur.", many=True),
        (
            Opt(
                ("--fuzzy",), "fuzzy", "flag", "Add near matches (typos) below the exact ones.", default=False
            ),
            Opt(
                ("--whole-words", "-w"),
                "whole_words",
                "flag",
                "Whole words only (word boundaries from segmentation).",
                default=False,
            ),
            Opt(
                ("--count",),
                "count",
                "flag",
                "Print the number of matching sentences per document.",
                default=False,
            ),
            Opt(("--context", "-C"), "context", "int", "Show N sentences before and after.", "N", minimum=0),
            Opt(
                ("--after-context", "-A"), "after", "int", "Show N sentences after each hit.", "N", minimum=0
            ),
            Opt(
                ("--before-context", "-B"),
                "before",
                "int",
                "Show N sentences before each hit.",
                "N",
                minimum=0,
            ),
            *QUERY,
        ),
        records=("sentence", "count"),
    ),
    Command(
        "speaker",
        "What a person or organisation said: direct quotes, then reported speech.",
        "Statements of the speakers a name finds: by name, a typo of it, pinyin, traditional "
        "characters or a word of the role. A substituted name is named on stderr.",
        ("gdq speaker 郑永年", "gdq speaker 郑永年 --about 制造业", "gdq speaker zhengyongnian --json"),
        Arg("name", "NAME", "Name, a typo of it, pinyin, traditional characters, or a role word."),
        (KIND, TYPE, ABOUT, *QUERY),
        records=("quote",),
    ),
    Command(
        "quotes",
        "Every statement (quotes and reported speech), in document order.",
        "Every statement, direct quotes and reported speech, in document order.",
        ("gdq quotes --about 人工智能", "gdq quotes -s 广药集团 --kind direct", "gdq quotes --type media"),
        None,
        (
            Opt(
                ("--speaker", "-s"),
                "speaker_query",
                "text",
                "Only statements of speakers this finds.",
                "NAME",
            ),
            KIND,
            TYPE,
            ABOUT,
            *QUERY,
        ),
        records=("quote",),
    ),
    Command(
        "speakers",
        "Every speaker with roles and statement counts.",
        "Every speaker with roles and counts of direct and indirect statements, in order of first statement.",
        ("gdq speakers", "gdq speakers --format csv > speakers.csv"),
        None,
        QUERY,
        records=("speaker",),
    ),
    Command(
        "number",
        "Sentences that state a number, however it is written; closest first.",
        "Numeric facts that match a number, a range or a bound, however the text writes it "
        "(3.2万亿 = 32000亿 = 3.2e12), closest first.",
        ("gdq number 3.2万亿", "gdq number '1000亿..5万亿' --unit 元", "gdq number '>=100亿' --json"),
        Arg(
            "value",
            "QUERY",
            "3.2万亿, 1800万人, 2035年, 十, 1000亿..5万亿, 10~15年, >=100亿, 超千亿, 约3万, 12%, -5",
        ),
        (
            UNIT,
            Opt(
                ("--tolerance",),
                "tolerance",
                "float",
                "Relative tolerance for a single value (0.01 = 1%; default 0.001, 0.1 after 约).",
                "RATIO",
            ),
            *QUERY,
        ),
        records=("fact",),
    ),
    Command(
        "facts",
        "Every numeric fact, in document order.",
        "Every numeric fact in document order, filtered by unit, bounds and topic.",
        ("gdq facts --about 旅游", "gdq facts --unit 元 --min 100亿", "gdq facts --format csv"),
        None,
        (
            UNIT,
            Opt(("--min",), "low", "text", "Smallest value, in any form (100亿).", "VALUE"),
            Opt(("--max",), "high", "text", "Largest value, in any form (5万亿).", "VALUE"),
            ABOUT,
            *QUERY,
        ),
        records=("fact",),
    ),
    Command(
        "show",
        "One record by id, with its surrounding sentences.",
        "One record by id (a sentence, statement, fact or speaker id from any other command), "
        "with its surrounding sentences.",
        ("gdq show 5a628f2bb13a-q21", "gdq show 5a628f2bb13a-s58 -C 3 --json"),
        Arg("record_id", "ID", "A record id from any other command."),
        (
            Opt(
                ("--context", "-C"),
                "context",
                "int",
                "Sentences to show on each side (default 1).",
                "N",
                default=1,
                minimum=0,
            ),
            *SOURCES,
            *OUTPUT,
        ),
        records=("sentence", "quote", "fact", "speaker"),
    ),
    Command(
        "stats",
        "Counts of documents, sentences, statements, facts and repairs.",
        "Counts of documents, paragraphs, sentences, statements, speakers and facts, and what was "
        "repaired (joined page breaks, dropped duplicate passages).",
        ("gdq stats", "gdq stats -c news/ --json"),
        None,
        (*SOURCES, *OUTPUT),
        records=("stats",),
    ),
    Command(
        "export",
        "Every sentence, statement and fact as JSON Lines.",
        "Every sentence, statement and fact as JSON Lines (or one JSON array), document by "
        "document, for loading into a search cluster or a dataframe.",
        ("gdq export -c news/ > records.jsonl", "gdq export --fields type,id,text | head"),
        None,
        (
            *SOURCES,
            Opt(
                ("--format", "-f"),
                "fmt",
                "choice",
                "jsonl (default) or json.",
                "FORMAT",
                choices=EXPORT_FORMATS,
            ),
            FIELDS,
        ),
        records=("sentence", "quote", "fact"),
    ),
    Command(
        "index",
        "Build or update the index cache ahead of time.",
        "Build or update the index cache ahead of time (with a progress bar on a terminal), then "
        "print the corpus counts.",
        ("gdq index -c news/", "sqlite3 \"$(gdq index --print-path)\" 'SELECT count(*) FROM statements'"),
        None,
        (
            CORPUS,
            GLOB,
            *OUTPUT,
            Opt(
                ("--print-path",),
                "print_path",
                "flag",
                "Print the path of the corpus database.",
                default=False,
            ),
        ),
        records=("stats",),
    ),
)

BY_NAME = {c.name: c for c in COMMANDS}

# Commands whose argument may start with a minus sign: ``gdq number -5``, ``-5..5``. No
# option of gdq is a dash and a digit, so such a token is the query, not an option.
SIGNED_ARGUMENT = frozenset({"number"})
