"""What may reach a customer: internal notes, untrusted knowledge, names and links.

Knowledge is written by many hands and imported from many tools, so a draft treats it as data:

- *Internal* content (a section headed "Internal", a line marked ``Intern:``, ``Agent only``,
  ``nur intern``, a private note) is for agents: it goes to ``Draft.internal_notes``, never into
  the customer-facing text.
- *Untrusted* content addresses an assistant ("ignore previous instructions", "you are
  ChatGPT"), holds a credential ("the admin password is ...") or promises money ("promise a
  full refund"): a drafter never quotes it.
- Names and URLs are reduced to what is safe to put in a reply: a customer name of letters,
  spaces, hyphens, apostrophes and dots; only ``http(s)`` links; no markup from link syntax.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from copilot.text import split_sentences

# A line that opens an agent-only note. Bare words ("Internal transfers are free.") are not
# markers: "intern"/"internal" need a colon or bracket after them, the phrases do not.
INTERNAL_LINE = re.compile(
    r"^\s*(?:[-*•>]\s*|\d+[.)]\s*)?(?:\*\*|__)?[\[(]?\s*(?:"
    r"(?:internal|intern|interne notiz|internal note|agent note|note to agents?|private note)"
    r"(?:\*\*|__)?\s*[:\])\-–—]"
    r"|(?:nur intern|agent[- ]only|agents only|staff only|nur für agenten|nur für mitarbeiter"
    r"|nicht an (?:den )?kunden)\b)",
    re.IGNORECASE,
)
# A heading of an internal section: "Internal notes", "Intern", "Agent-only", "Private notes".
INTERNAL_HEADING = re.compile(
    r"\b(?:internal|intern|interne?[nrs]?|agent[- ]only|agents only|staff only|private notes?|"
    r"(?:only )?for (?:agents|staff|the support team)|nur für (?:agents?|agenten|mitarbeiter\w*|"
    r"den support|das team))\b",
    re.IGNORECASE,
)
_MARKER_PREFIX = re.compile(
    r"^\s*(?:[-*•>]\s*|\d+[.)]\s*)?(?:\*\*|__)?[\[(]?\s*"
    r"(?:internal note|interne notiz|internal|intern|nur intern|agent[- ]only|agents only|"
    r"staff only|agent note|note to agents?|private note)"
    r"(?:\*\*|__)?\s*[:\])\-–—]*(?:\*\*|__)?\s*",
    re.IGNORECASE,
)

# Text that speaks to a language model instead of to a reader.
_ADDRESSES_ASSISTANT = (
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+)?(?:of\s+)?(?:previous|"
    r"prior|above|earlier|preceding|your|these|those|the)\s+(?:\w+\s+)?(?:instructions?|prompts?|"
    r"rules|directions|guidelines|polic(?:y|ies)|directives|system message)"
    r"|\b(?:ignore|disregard|forget)\s+(?:everything|anything)\s+(?:above|before|you were told)"
    r"|\bfrom\s+now\s+on,?\s+you\s+(?:are|will|must|shall)\b"
    r"|\bnew\s+instructions?\s*:"
    r"|\byou\s+are\s+(?:now\s+)?(?:dan|in\s+developer\s+mode|jailbroken|unrestricted|unfiltered)\b"
    r"|(?:^|\n)\s*\[?(?:system|assistant)\]?\s*:\s*(?:you|always|never|from now on|ignore)\b"
    r"|<\|?(?:im_start|im_end|system|endoftext)\|?>"
    r"|\byou\s+are\s+(?:now\s+)?(?:chatgpt|gpt|an?\s+(?:ai|large language model|language model|"
    r"assistant|chatbot))\b"
    r"|\bas\s+an?\s+(?:ai|language model|large language model)\b"
    r"|\b(?:system|developer)\s+prompt\b"
    r"|\b(?:ai|ki)[- ](?:assistant|assistent|model|modell)s?\s*[:,]"
    r"|\b(?:dear|attention|note to (?:the )?)\s*(?:ai|assistant|chatbot|llm|model)\b"
    r"|\b(?:ignoriere|vergiss|missachte|übergehe)\s+(?:alle\s+|die\s+)?(?:vorherigen|bisherigen|"
    r"obigen|früheren|deine|diese)\s+(?:\w+\s+)?(?:anweisungen|instruktionen|regeln|richtlinien|"
    r"vorgaben)"
    r"|\bab\s+(?:jetzt|sofort)\s+(?:bist|musst|wirst|sollst)\s+du\b"
    r"|\bneue\s+anweisungen?\s*:"
    r"|\bdu\s+bist\s+(?:jetzt\s+|nun\s+)?(?:chatgpt|eine?\s+(?:ki|sprachmodell|assistent))\b"
    r"|\bals\s+(?:ki|sprachmodell)\b"
)
# A credential word followed by a value that looks like one (digits, symbols or quotes), or
# any value after an admin/root/master credential.
_CREDENTIAL = (
    r"\b(?:password|passwort|kennwort|passcode|pin|api[- ]?key|api[- ]?schlüssel|secret|"
    r"token|zugangsdaten|credentials?|login)\b\s*(?:is|ist|lautet|=|:)\s*"
    r"(?:[\"'`„“][^\s\"'`“”]{3,}|[^\s]*(?:\d|[!@#$%^&*_+=/\\|~])[^\s]*)"
    r"|\b(?:admin|root|master|default|standard|superuser)[- ]?(?:password|passwort|kennwort|"
    r"pin|login|zugang)\b\s*(?:is|ist|lautet|=|:)\s*\S+"
    # Values shaped like live keys, whatever the words around them.
    r"|\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{8,}|\b(?:sk|pk|rk)-(?:live|test)-[A-Za-z0-9]{8,}"
    r"|\bgh[pousr]_[A-Za-z0-9]{20,}|\bxox[abprs]-[A-Za-z0-9-]{10,}|\bAKIA[0-9A-Z]{16}\b"
    r"|-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----"
)
# Promises of money or credit the knowledge has no business making on its own.
_MONEY_PROMISE = (
    r"\b(?:promise|guarantee|offer|give|grant)s?\s+(?:them\s+|the customers?\s+|every\w*\s+"
    r"(?:customer\s+|user\s+)?|all customers\s+)?"
    r"(?:an?\s+|the\s+)?(?:full|complete|100\s?%|immediate|instant)\s+(?:refund|credit|"
    r"reimbursement|compensation)"
    # "we'll automatically refund it to you" describes a policy; "always refund" orders one.
    r"|(?<!\bwe )(?<!\bwe'll )(?<!\bwe ll )(?<!\bwe will )(?<!\bwill )(?<!\bwir )"
    r"\b(?:always|automatically)\s+(?:refund|compensate|credit)\b"
    r"|\b(?:promise|guarantee)s?\s+(?:an?\s+|the\s+)?(?:refund|compensation|credit)"
    r"|\b(?:volle|vollständige|sofortige)n?\s+(?:rückerstattung|erstattung|gutschrift|"
    r"entschädigung)\s+(?:versprechen|zusagen|garantieren|anbieten|geben|gewähren)"
    r"|\b(?:versprich|versprechen sie|sage|sagen sie|garantiere)\w*\s+(?:\w+\s+){0,5}"
    r"(?:rückerstattung|erstattung|gutschrift|entschädigung)"
    r"|\bimmer\s+(?:eine\s+)?(?:volle\s+)?(?:rückerstattung|gutschrift|entschädigung)"
    r"|\btell\s+(?:the\s+|every\s+)?(?:customers?|users?|them|everyone)\b[^.!?\n]{0,40}"
    r"\b(?:money back|refund|reimburse|compensat)"
    r"|\b(?:sichere|sichern sie|sagen sie|sage)\s+(?:\w+\s+){0,5}"
    r"(?:volle|vollständige|komplette)\s+(?:rückerstattung|erstattung|gutschrift|entschädigung)"
)
UNTRUSTED = re.compile(f"{_ADDRESSES_ASSISTANT}|{_CREDENTIAL}", re.IGNORECASE)
# Words one of which every match of the three patterns above contains (lower case, spaces
# collapsed). Most knowledge holds none of them, and looking for plain substrings is far
# cheaper than the patterns' many alternatives: only text that holds one is searched.
_ASSISTANT_NOUNS = ("ai", "assistant", "chatbot", "language model", "large language model")
_TRIGGERS = (
    # addresses an assistant
    *(f"you are {a} {n}" for a in ("a", "an") for n in _ASSISTANT_NOUNS),
    *(f"as {a} {n}" for a in ("a", "an") for n in ("ai", "language model", "large language")),
    "ignor",
    "disregard",
    "forget",
    "override",
    "vergiss",
    "missacht",
    "übergeh",
    "you are now",
    "you are chatgpt",
    "you are gpt",
    "you are dan",
    "you are in developer",
    "you are jailbroken",
    "you are unrestricted",
    "you are unfiltered",
    "prompt",
    "assist",
    "model",
    "dear",
    "attention",
    "note to",
    "du bist",
    "als ki",
    "als sprachmodell",
    "from now on",
    "new instruction",
    "neue anweisung",
    "system",
    "im_",
    "endoftext",
    "ab jetzt",
    "ab sofort",
    # credentials and key-shaped values
    "passw",
    "kennwort",
    "passcode",
    "pin",
    "api",
    "secret",
    "token",
    "zugang",
    "credential",
    "login",
    "sk_",
    "pk_",
    "rk_",
    "sk-",
    "pk-",
    "rk-",
    "gho_",
    "ghp_",
    "ghu_",
    "ghs_",
    "ghr_",
    "xox",
    "akia",
    "private key",
    # money promises: each names what is promised
    "refund",
    "credit",
    "reimburs",
    "compensat",
    "erstattung",
    "gutschrift",
    "entschädigung",
    "money back",
)
MONEY_PROMISE = re.compile(_MONEY_PROMISE, re.IGNORECASE)
# "never promise refunds above 200 EUR" is a rule against promises, not one.
_NEGATION = re.compile(
    r"\b(?:never|not|don't|do not|no|nie|niemals|nicht|keine?)\b[^.!?\n]{0,20}$", re.IGNORECASE
)

# A link target may hold one level of parentheses: "(javascript:alert(1))".
_TARGET = r"\(((?:[^()\s]|\([^()\s]*\))*)[^)]*\)"
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]" + _TARGET)
_MD_LINK = re.compile(r"\[([^\]]+)\]" + _TARGET)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_UNSAFE_SCHEME = re.compile(r"\b(?:javascript|data|vbscript|file|blob)\s*:\S*", re.IGNORECASE)
_NAME_OK = re.compile(r"[^\W\d_]+(?:[ .'’\-]+[^\W\d_]*)*\.?")
_NAME_MAX = 60


def is_internal_line(line: str) -> bool:
    """True when ``line`` opens an agent-only note."""
    return bool(INTERNAL_LINE.match(line))


def is_internal_heading(heading: str) -> bool:
    """True when a section heading marks the section as agent-only."""
    return bool(INTERNAL_HEADING.search(heading))


def internal_note_text(line: str) -> str:
    """An internal line without its marker: "Intern: Sofort melden." -> "Sofort melden."."""
    return _MARKER_PREFIX.sub("", line, count=1).strip()


@lru_cache(maxsize=16384)
def is_untrusted(text: str) -> bool:
    """True when ``text`` addresses an assistant, holds a credential or promises money
    (remembered: drafts check the same chunks again and again)."""
    low = " ".join(text.lower().split())
    return any(trigger in low for trigger in _TRIGGERS) and matches_untrusted_patterns(text)


def matches_untrusted_patterns(text: str) -> bool:
    """``is_untrusted`` without its word prefilter: the patterns alone (for tests)."""
    if UNTRUSTED.search(text):
        return True
    return any(
        not _NEGATION.search(text[max(0, m.start() - 40) : m.start()])
        for m in MONEY_PROMISE.finditer(text)
    )


def without_untrusted(text: str) -> str:
    """``text`` without the sentences that are untrusted (line layout kept)."""
    lines = []
    for line in text.splitlines():
        if is_untrusted(line):
            line = " ".join(s for s in split_sentences(line) if not is_untrusted(s))
        lines.append(line)
    return "\n".join(lines)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) address without markup, else None."""
    if not url:
        return None
    candidate = url.strip()
    if any(c.isspace() or c in "<>\"'`" for c in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return candidate


def greeting_name(name: str | None) -> str:
    """The customer's name fit for a greeting, whitespace collapsed, or "" (then the
    nameless greeting).

    Only letters, spaces, hyphens, apostrophes and dots are allowed: anything else
    (``<script>``, digits, an e-mail address) means the name is not used at all.
    """
    cleaned = " ".join((name or "").split())
    if not cleaned or len(cleaned) > _NAME_MAX or not _NAME_OK.fullmatch(cleaned):
        return ""
    return cleaned


def clean_markup(text: str) -> str:
    """Plain text from Markdown/HTML link syntax: links become "label (url)" for http(s)
    addresses and just "label" otherwise; images, tags and non-web schemes are removed."""
    text = _MD_IMAGE.sub(lambda m: m.group(1), text)
    text = _MD_LINK.sub(_link_text, text)
    text = _HTML_TAG.sub("", text)
    return _UNSAFE_SCHEME.sub("", text)


def _link_text(match: re.Match[str]) -> str:
    label, url = match.group(1).strip(), safe_url(match.group(2))
    if url is None or url == label:
        return url or label
    return f"{label} ({url})"
