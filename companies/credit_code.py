"""The unified social credit code (统一社会信用代码), GB 32100-2015.

18 characters from a 31-character alphabet (digits and capitals without I, O, S, V, Z); the
last is a check character computed from the first 17 with fixed weights, modulo 31.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_SHAPE = re.compile(rf"^[{ALPHABET}]{{18}}$")


def normalize_credit_code(value: str | None) -> str:
    """Upper-case, without spaces; staff paste codes from PDFs with stray blanks."""
    return re.sub(r"\s+", "", value or "").upper()


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def is_valid_credit_code(code: str) -> bool:
    return bool(_SHAPE.match(code)) and check_character(code[:17]) == code[17]


def validate_credit_code(value: str) -> None:
    code = normalize_credit_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="credit_code_length",
            params={"count": len(code)},
        )
    if not _SHAPE.match(code):
        raise ValidationError(
            _("A unified social credit code uses only digits and capital letters other than I, O, S, V and Z."),
            code="credit_code_characters",
        )
    if check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("This unified social credit code is not valid: its last character does not match. Check for a typo."),
            code="credit_code_check",
        )


def with_check_character(first17: str) -> str:
    """A full code from its first 17 characters (for demo data and tests)."""
    return first17 + check_character(first17)
