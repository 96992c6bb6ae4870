"""A JSON Schema equivalent to the pydantic anchor's structure, for ``jsonschema`` and ``fastjsonschema``.

Structure only: JSON Schema cannot compute a line total, a VAT amount or an order sum, nor ask
``phonenumbers`` whether a number exists. What it can say, it says (amount format, enums, E.164 shape,
country shape, postal code required outside the exempt countries).
"""

from __future__ import annotations

from typing import Any

from pydantic_anchor import POSTAL_CODE_EXEMPT

LOCALES = [
    "en_US", "en_GB", "nl_NL", "nl_BE", "fr_FR", "fr_BE", "de_DE", "de_AT", "de_CH", "es_ES", "ca_ES",
    "pt_PT", "it_IT", "nb_NO", "sv_SE", "fi_FI", "da_DK", "is_IS", "hu_HU", "pl_PL", "lv_LV", "lt_LT",
]  # fmt: skip
TEXT = {"type": "string", "minLength": 1}
AMOUNT = {
    "type": "object",
    "required": ["currency", "value"],
    "properties": {
        "currency": {"enum": ["EUR", "GBP", "SEK", "PLN", "USD", "CHF", "DKK", "NOK", "JPY", "ISK"]},
        "value": {"type": "string", "pattern": r"^-?(0|[1-9][0-9]*)(\.[0-9]{2})?$"},
    },
}
LINE = {
    "type": "object",
    "required": ["name", "quantity", "unitPrice", "totalAmount", "vatRate", "vatAmount"],
    "properties": {
        "type": {"enum": ["physical", "discount", "digital", "shipping_fee", "store_credit", "gift_card", "surcharge"]},
        "category": {"enum": ["meal", "eco", "gift"]},
        "sku": {"type": "string", "maxLength": 64},
        "name": TEXT,
        "quantity": {"type": "integer", "minimum": 1},
        "unitPrice": {"$ref": "#/$defs/amount"},
        "discountAmount": {"$ref": "#/$defs/amount"},
        "totalAmount": {"$ref": "#/$defs/amount"},
        "vatRate": {"type": "string", "pattern": r"^[0-9]{1,2}(\.[0-9]{1,2})?$"},
        "vatAmount": {"$ref": "#/$defs/amount"},
        "metadata": {"type": ["object", "null"]},
    },
}
ADDRESS = {
    "type": "object",
    "required": ["givenName", "familyName", "email", "streetAndNumber", "city", "country"],
    "properties": {
        "givenName": {"type": "string", "minLength": 2},
        "familyName": {"type": "string", "minLength": 2},
        "email": {"type": "string", "maxLength": 254, "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$"},
        "phone": {"type": "string", "pattern": r"^\+[1-9][0-9]{1,14}$"},
        "streetAndNumber": TEXT,
        "postalCode": TEXT,
        "city": TEXT,
        "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
    },
    "if": {"properties": {"country": {"enum": sorted(POSTAL_CODE_EXEMPT)}}},
    "then": {},
    "else": {"required": ["postalCode"]},
}
ORDER_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["amount", "orderNumber", "locale", "billingAddress", "lines"],
    "properties": {
        "amount": {"$ref": "#/$defs/amount"},
        "orderNumber": TEXT,
        "locale": {"enum": LOCALES},
        "billingAddress": {"$ref": "#/$defs/address"},
        "shippingAddress": {"$ref": "#/$defs/address"},
        "lines": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/line"}},
    },
    "$defs": {"amount": AMOUNT, "line": LINE, "address": ADDRESS},
}
