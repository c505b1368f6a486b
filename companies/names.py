"""Company names reduced to what identifies them, so that duplicates are found.

"百济神州（上海）生物科技有限公司" and "百济神州生物科技有限公司" are the same company to staff,
as are "BeiGene, Ltd." and "Beigene Limited".
"""

import re
import unicodedata

_PARENTHESIZED = re.compile(r"[（(][^）)]*[）)]")
_SUFFIXES = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团公司",
    "公司",
    "co ltd",
    "company limited",
    "corporation",
    "limited",
    "company",
    "corp",
    "gmbh",
    "inc",
    "llc",
    "ltd",
    "plc",
    "ag",
    "co",
    "sa",
)
_NOT_WORD = re.compile(r"[^\w]+")


def normalize_company_name(name: str) -> str:
    text = unicodedata.normalize("NFKC", name or "").lower()
    text = _PARENTHESIZED.sub(" ", text)
    text = _NOT_WORD.sub(" ", text).strip()
    # Legal-form suffixes, repeatedly: "xyz co., ltd." -> "xyz".
    changed = True
    while changed and text:
        changed = False
        for suffix in _SUFFIXES:
            if text == suffix:
                break
            if text.endswith(" " + suffix) or (not suffix.isascii() and text.endswith(suffix)):
                text = text[: -len(suffix)].strip()
                changed = True
                break
    return text.replace(" ", "")
