"""Order lines: fields, enums, signs, and the two line formulas.

The formulas are checked against the figures *as they should be*: the VAT of a line is computed from
its correct total (``unitPrice × quantity − discountAmount``) whenever that total can be computed, and
only from the total as sent when it cannot. So one wrong figure gives exactly one finding, and applying
every ``expected`` value yields a payload that passes (what ``fix_order`` does).

That holds only while the line's inputs agree with its type. When they contradict it (a discount with a
positive price, goods with a negative one, a discount larger than the line), the root cause is an input,
and the line's own figures are the evidence of which one: a discount whose ``totalAmount`` and
``vatAmount`` are negative, and follow from the unit price with its sign turned, has lost the sign of its
unit price, and the finding on ``unitPrice`` says so and expects the turned price (an unsafe fix: a price
changes); its total and VAT are then judged as sent. Without such evidence a person must decide: the
finding carries no ``expected``, and neither does any figure of the line or of the order derived from the
contradictory input (they are still reported, so nothing wrong passes silently).
"""

from __future__ import annotations

from collections.abc import Callable

from ..._findings import Path, Severity
from ..._money import format_for_message, format_minor, pow10
from ..._vat import Rate, line_total_minor, parse_rate, vat_minor, vat_minor_is_tie
from .. import citations as cite
from ..checker import Checker
from ..rule import Evidence, Fixability, Rule
from ..values import describe, describe_typed, is_blank, json_type
from .amounts import Money, check_amount, clean_amount_minor
from .metadata import check_metadata, clean_metadata
from .urls import check_url, clean_url

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

LINE_TYPES: Final = (
    "physical",
    "discount",
    "digital",
    "shipping_fee",
    "store_credit",
    "gift_card",
    "surcharge",
)
LINE_CATEGORIES: Final = ("meal", "eco", "gift")
#: Line types whose unit price may be negative.
NEGATIVE_TYPES: Final = frozenset({"discount", "store_credit", "gift_card"})
#: Line types that are goods or fees, whose total should not be negative.
GOODS_TYPES: Final = frozenset({"physical", "digital", "shipping_fee", "surcharge"})
REQUIRED: Final = ("name", "quantity", "unitPrice", "totalAmount", "vatRate", "vatAmount")
MAX_SKU: Final = 64
#: No order has more items of one line; the bound keeps arithmetic on hostile integers cheap.
MAX_QUANTITY: Final = 1_000_000_000

LINE_NOT_OBJECT = Rule(
    "MP200",
    "line-not-object",
    Severity.ERROR,
    (cite.CREATE_ORDER.at("lines"),),
    Evidence.DOCUMENTED,
    "an element of 'lines' is not an object",
    "Each order line is an object with name, quantity, prices and VAT.",
    "Send each line as a JSON object.",
)
LINE_REQUIRED_FIELD = Rule(
    "MP201",
    "line-required-field",
    Severity.ERROR,
    (
        cite.CREATE_ORDER.at("lines"),
        cite.live("https://github.com/mollie/OpenCart/issues/220"),
        cite.live("https://github.com/mollie/api-documentation/issues/616"),
        cite.live("https://github.com/mollie/mollie-api-python/issues/156"),
        cite.live("https://github.com/umbraco/Umbraco.Commerce.Issues/issues/797"),
    ),
    Evidence.DOCUMENTED,
    "a line lacks name, quantity, unitPrice, totalAmount, vatRate or vatAmount",
    "These six fields are required on every order line.",
    "Send all six; compute totalAmount and vatAmount with build_line().",
    fixability=Fixability.SAFE,
)
LINE_TOTAL_AMOUNT = Rule(
    "MP202",
    "line-total-amount",
    Severity.ERROR,
    (
        cite.CREATE_ORDER.at("lines.totalAmount"),
        cite.live("https://github.com/mollie/magento2/issues/619"),
        cite.live("https://github.com/mollie/Magento/issues/226"),
        cite.live("https://github.com/mollie/Shopware6/issues/553"),
        cite.live("https://github.com/umbraco/Umbraco.Commerce.Issues/issues/818"),
    ),
    Evidence.LIVE,
    "totalAmount is not unitPrice × quantity − discountAmount",
    "Mollie recomputes the line total exactly, with no tolerance; a one-cent difference is refused.",
    "Compute totalAmount from the same unitPrice, quantity and discountAmount you send (see line_total()).",
    "Order line 2 is invalid. Total amount is off. Expected total amount to be €16.20 (2 × €9.00 - €1.80), got €7.20.",
    fixability=Fixability.SAFE,
)
LINE_VAT_AMOUNT = Rule(
    "MP203",
    "line-vat-amount",
    Severity.ERROR,
    (
        cite.CREATE_ORDER.at("lines.vatAmount"),
        cite.live("https://github.com/mollie/Shopware6/issues/28"),
        cite.live("https://github.com/mollie/Shopware6/issues/37"),
        cite.live("https://github.com/mollie/Shopware/issues/73"),
        cite.live("https://github.com/mollie/Shopware6/issues/66"),
        cite.live("https://github.com/mollie/mollie-api-python/issues/158"),
        cite.live("https://github.com/vendidero/woocommerce-germanized/issues/217"),
        cite.live("https://github.com/mollie/WooCommerce/issues/1021"),
        cite.live("https://github.com/mollie/Shopware/issues/63"),
        cite.live("https://github.com/mollie/Shopware6/issues/63"),
        cite.live("https://github.com/vendurehq/vendure/issues/1939"),
        cite.live("https://github.com/mollie/WooCommerce/issues/1092"),
        cite.live("https://github.com/umbraco/Umbraco.Commerce.Issues/issues/836"),
        cite.live("https://github.com/mollie/Shopware6/pull/1352"),
        cite.live(
            "https://github.com/mollie/spryker/blob/00b9faa459b683b9148beedb23be464faede4c73/tests/MollieTest/Client/"
            "Mollie/Handler/PaymentApiHandlerCreateLinesTest.php"
        ),
        cite.live("https://github.com/mollie/OpenCart/issues/143"),
    ),
    Evidence.LIVE,
    "vatAmount is not totalAmount × vatRate / (100 + vatRate) rounded to the cent, an exact half cent away from zero",
    "Mollie derives VAT from the VAT-inclusive line total and has refused any deviation, even one cent (the "
    "one-cent refusals on record are of April 2019 to January 2021; in 2023 its own Postman collection had a Billie "
    "order created with a discount's VAT a cent off, which no live check has settled since). Computing "
    "VAT from net prices, or summing per-unit VAT, is the most common cause. An exact half cent is rounded "
    "away from zero, for discounts too: 38.97 at 20 % is 6.495, which becomes 6.50, and −38.97 becomes "
    "−6.50 (not −6.49), so a discount's VAT is exactly the opposite of the same item's. That is PHP's "
    "round() and Python's ROUND_HALF_UP, as the maintainer of Mollie's Python client advised (issue 158); "
    "the one exact tie seen in a live 422 (38.97 at 20 %) was expected as 6.50. Mollie has not been seen "
    'rounding a negative half cent; Options(vat_ties="either") accepts both neighbours of any exact half.',
    "Compute VAT from the line's totalAmount: vat_amount(total, rate, currency).",
    "Order line 0 is invalid. VAT amount is off. Expected VAT amount to be €121.14 (€698.00 × (21.00 / "
    "121.00)), got €121.15",
    fixability=Fixability.SAFE,
)
LINE_TYPE = Rule(
    "MP204",
    "line-type",
    Severity.ERROR,
    (cite.CREATE_ORDER.at("lines.type"),),
    Evidence.DOCUMENTED,
    "a line's type is not one of Mollie's line types",
    "The type enum is physical, discount, digital, shipping_fee, store_credit, gift_card, surcharge.",
    "Use one of these values (lower case), or leave type out for 'physical'.",
    fixability=Fixability.SAFE,
)
LINE_CATEGORY = Rule(
    "MP205",
    "line-category",
    Severity.ERROR,
    (cite.CREATE_ORDER.at("lines.category"),),
    Evidence.DOCUMENTED,
    "a line's category is not meal, eco or gift",
    "Vouchers need a category from this enum; 'gifts_and_flowers' was renamed to 'gift' in 2020.",
    "Use meal, eco or gift, or leave category out.",
    fixability=Fixability.SAFE,
)
LINE_NAME = Rule(
    "MP206",
    "line-name",
    Severity.ERROR,
    (
        cite.CREATE_ORDER.at("lines.name"),
        cite.live("https://github.com/mollie/OpenCart/issues/340"),
    ),
    Evidence.DOCUMENTED,
    "a line's name is not a non-blank string",
    "The name describes the item on the checkout and to suppliers such as Klarna.",
    "Send the product name.",
)
LINE_QUANTITY = Rule(
    "MP207",
    "line-quantity",
    Severity.ERROR,
    (
        cite.CREATE_ORDER.at("lines.quantity"),
        cite.live("https://github.com/mollie/OpenCart/issues/138"),
        cite.live("https://github.com/mollie/OpenCart/issues/160"),
    ),
    Evidence.LIVE,
    "a line's quantity is not a whole JSON number of at least 1",
    "Mollie refuses fractional quantities ('should be a whole number'); booleans are not numbers, and neither "
    'is a string that is not a whole number in digits ("2" alone is MP215\'s warning).',
    "Send an integer ≥ 1; sell fractional units as one line with a unit price for the whole amount.",
    "Order line 1 is invalid. The 'quantity' field should be a whole number.",
    fixability=Fixability.SAFE,
)
LINE_UNIT_PRICE_NEGATIVE = Rule(
    "MP208",
    "line-unit-price-negative",
    Severity.ERROR,
    (
        cite.CREATE_ORDER.at("lines.unitPrice"),
        cite.live("https://github.com/mollie/Shopware6/issues/1347"),
        cite.live("https://github.com/pronamic/wp-pronamic-pay-gravityforms/issues/54"),
        cite.live("https://github.com/mollie/WooCommerce/issues/1019"),
    ),
    Evidence.LIVE,
    "a negative unitPrice on a line whose type is not discount, store_credit or gift_card",
    "Only reductions may have a negative price; the same validator family refuses it live on the Payments API.",
    "Set type to 'discount' (or store_credit / gift_card) for reductions.",
    "Line item 10 is invalid. The 'unitPrice' field cannot be negative, unless the 'type' is one of the "
    "following: 'discount', 'store_credit', and 'gift_card'",
    fixability=Fixability.UNSAFE,
)
LINE_GIFT_CARD_NOT_NEGATIVE = Rule(
    "MP209",
    "line-gift-card-not-negative",
    Severity.ERROR,
    (cite.HANDLING_DISCOUNTS.at("Gift cards"), cite.live("https://github.com/mollie/WooCommerce/pull/1293")),
    Evidence.DOCUMENTED,
    "a gift_card line has a unit price of zero or more",
    "A gift card line is a means of payment and must carry a negative amount.",
    "Send the gift card's value as a negative unitPrice.",
    fixability=Fixability.UNSAFE,
)
LINE_REDUCTION_POSITIVE = Rule(
    "MP210",
    "line-reduction-positive",
    Severity.ERROR,
    (
        cite.HANDLING_DISCOUNTS.at("Gift cards"),
        cite.CREATE_PAYMENT.at("lines.unitPrice"),
        cite.live("https://github.com/mollie/WooCommerce/pull/1293"),
    ),
    Evidence.LIVE,
    "a discount or store_credit line has a positive unit price",
    "A reduction line takes money off the order. The maintainers of Mollie's WooCommerce plugin report that "
    "both the Payments and the Orders API refuse a discount line with a positive unitPrice "
    "(https://github.com/mollie/WooCommerce/pull/1293), and Mollie's Payments API reference says that for "
    "types discount, store_credit and gift_card the unit price must be negative "
    "(https://docs.mollie.com/reference/create-payment). When the line's totalAmount and vatAmount are "
    "negative, the unit price is the figure that lost its sign.",
    "Send the reduction as a negative unitPrice (an unsafe fix when the line's totals show it: a price changes).",
    fixability=Fixability.UNSAFE,
)
LINE_TOTAL_NEGATIVE = Rule(
    "MP211",
    "line-total-negative",
    Severity.WARNING,
    (cite.CREATE_ORDER.at("lines.totalAmount"), cite.live("https://github.com/mollie/WooCommerce/pull/1293")),
    Evidence.INFERRED,
    "a physical, digital, shipping_fee or surcharge line has a negative total",
    "A discount larger than the line is not allowed; reductions belong on a separate discount line.",
    "Cap discountAmount at unitPrice × quantity and put the rest on a 'discount' line.",
)
LINE_VAT_RATE = Rule(
    "MP212",
    "line-vat-rate",
    Severity.ERROR,
    (
        cite.CREATE_ORDER,
        cite.live("https://github.com/mollie/Shopware/issues/446"),
        cite.live("https://github.com/mollie/Shopware6/issues/1158"),
    ),
    Evidence.LIVE,
    'a line\'s vatRate is not a string holding a non-negative percentage such as "21.00"',
    "vatRate is a string so that its decimals survive; a negative rate (even '-0.0') was refused live.",
    'Send the rate as a string with up to two decimals: "21.00", "9.00", "0.00".',
    "Order line 3 is invalid. The VAT rate cannot be negative.",
    fixability=Fixability.SAFE,
)
LINE_VAT_RATE_NUMBER = Rule(
    "MP214",
    "line-vat-rate-number",
    Severity.WARNING,
    (cite.CREATE_ORDER.at("lines.vatRate"), cite.live("https://github.com/mollie/WooCommerce/issues/1019")),
    Evidence.LIVE,
    'a line\'s vatRate is a JSON number (21 or 21.0) instead of a string ("21.00")',
    "The docs say vatRate should be a string; plugins that round the rate (round($rate, 2)) send a number, and "
    "Mollie accepts it today. A number that is not a two-decimal rate stays an MP212 error; a float's noise "
    "beyond the 15 digits a double holds is not a decimal (7.000000000000001, which Mollie's WooCommerce "
    "plugin sends for 7 %, is 7.00).",
    'Send the rate as a string with two decimals: "21.00".',
    fixability=Fixability.SAFE,
)
LINE_QUANTITY_STRING = Rule(
    "MP215",
    "line-quantity-string",
    Severity.WARNING,
    (cite.CREATE_ORDER.at("lines.quantity"), cite.POSTMAN_CREATE_ORDER),
    Evidence.LIVE,
    'a line\'s quantity is a whole number written as a string ("2") instead of a JSON integer (2)',
    'The docs say quantity is an integer. Mollie\'s own Postman collection sends "2" and Mollie created the '
    "order, answering with the integer 2: Mollie reads the string today. Other strings, fractions and "
    "booleans stay MP207 errors.",
    "Send the quantity as a JSON integer, without quotes: 2.",
    fixability=Fixability.SAFE,
)
LINE_SKU = Rule(
    "MP213",
    "line-sku",
    Severity.ERROR,
    (cite.CREATE_ORDER.at("lines.sku"),),
    Evidence.DOCUMENTED,
    "a line's sku is not a string of at most 64 characters",
    "Mollie (and Klarna, for its line reference) limit the SKU to 64 characters.",
    "Shorten the SKU or leave it out.",
    fixability=Fixability.SAFE,
)

RULES = (
    LINE_NOT_OBJECT,
    LINE_REQUIRED_FIELD,
    LINE_TOTAL_AMOUNT,
    LINE_VAT_AMOUNT,
    LINE_TYPE,
    LINE_CATEGORY,
    LINE_NAME,
    LINE_QUANTITY,
    LINE_UNIT_PRICE_NEGATIVE,
    LINE_GIFT_CARD_NOT_NEGATIVE,
    LINE_REDUCTION_POSITIVE,
    LINE_TOTAL_NEGATIVE,
    LINE_VAT_RATE,
    LINE_VAT_RATE_NUMBER,
    LINE_QUANTITY_STRING,
    LINE_SKU,
)


class LineDialect:
    """How one API spells the lines it shares with the other: the formulas and the rule codes are the same.

    Mollie's Orders and Payments APIs take the same lines with the same arithmetic (total = unitPrice ×
    quantity − discountAmount, VAT from the total, Σ totals = amount), and differ in names and bounds: the
    field that names the line, which fields are required, the category field, Mollie's message prefix, and
    whether a free gift card (unit price 0) is allowed. One implementation reads this description, so a
    line rule cannot drift between the two APIs. ``extras`` and ``clean_extras`` are an API's own line
    rules (the Payments API's ``categories``, ``quantityUnit``, ``recurring``), declared in its module.
    """

    __slots__ = (
        "api", "category", "clean_extras", "extras", "free_gift_card", "label", "negative_vat_refused", "noun",
        "prefix", "required",
    )  # fmt: skip

    def __init__(
        self,
        api: str,
        noun: str,
        label: str,
        required: tuple[str, ...],
        prefix: str,
        category: bool,
        free_gift_card: bool,
        negative_vat_refused: bool,
        extras: Callable[[Checker, dict[object, object], Path, str], None] | None = None,
        clean_extras: Callable[[dict[object, object]], bool] | None = None,
    ) -> None:
        # Set once here, never changed (a plain slotted class, like ``BodyFamily``: see there why).
        #: ``"orders"`` or ``"payments"``.
        self.api = api
        #: What the body is called in order-level messages ("order", "payment").
        self.noun = noun
        #: The field that names the line: ``name`` on orders, ``description`` on payments.
        self.label = label
        self.required = required
        #: Mollie's message prefix with ``{index}``: "Order line {index} is invalid. ".
        self.prefix = prefix
        #: Whether the single ``category`` string of the Orders API is checked here (payments check their own
        #: ``categories`` array in ``extras``).
        self.category = category
        #: Whether a gift_card line may have a unit price of 0 (the Payments API allows free items).
        self.free_gift_card = free_gift_card
        #: Whether a negative total VAT of all lines is refused (MP305, documented for orders only).
        self.negative_vat_refused = negative_vat_refused
        self.extras = extras
        self.clean_extras = clean_extras

    def __repr__(self) -> str:
        return f"LineDialect({self.api!r})"


#: The Orders API's lines (create order; other order endpoints narrow ``required``).
ORDERS: Final = LineDialect("orders", "order", "name", REQUIRED, "Order line {index} is invalid. ", True, False, True)


class LineFigures:
    """What the order-level rules need from a line, with each figure as it *should* be when computable.

    A plain slotted class, not frozen: one is built per line on the hot path, and a frozen class costs four
    times as much to build (every field goes through ``object.__setattr__``). Nothing changes one after it
    is built. Compared by all its fields (tests hold ``clean_line``'s figures to ``check_line``'s).
    """

    __slots__ = ("doubt", "index", "rate", "total", "type", "vat")

    def __init__(
        self, index: int, type: str, total: int | None, vat: int | None, rate: Rate | None, doubt: str | None = None
    ) -> None:
        self.index = index
        self.type = type
        self.total = total
        self.vat = vat
        self.rate = rate
        #: The input that contradicts the line's type (``"unitPrice"``, ``"discountAmount"``) when nothing derived
        #: from the line may be expected; ``None`` when its figures are as they should be.
        self.doubt = doubt

    def _fields(self) -> tuple[object, ...]:
        return (self.index, self.type, self.total, self.vat, self.rate, self.doubt)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LineFigures):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass it was

    def __repr__(self) -> str:
        index, kind, total, vat, rate, doubt = self._fields()
        return (
            f"LineFigures(index={index!r}, type={kind!r}, total={total!r}, vat={vat!r}, rate={rate!r}, doubt={doubt!r})"
        )


def check_line(
    ck: Checker,
    line: object,
    index: int,
    *,
    path: Path | None = None,
    prefix: str | None = None,
    required: tuple[str, ...] | None = None,
    dialect: LineDialect = ORDERS,
) -> LineFigures | None:
    """Check one line; the figures the order-level rules need, or ``None`` when it is not an object.

    Defaults are the create-order line ``lines.{index}`` with Mollie's prefix "Order line N is invalid. ";
    other endpoints pass where the line sits (``path``), their own ``prefix``, and which fields they
    require (an update-order-line body requires none by itself). ``dialect`` is the API whose line it is.
    """
    if path is None:
        path = ("lines", index)
    if prefix is None:
        prefix = dialect.prefix.format(index=index)
    if required is None:
        required = dialect.required
    if not isinstance(line, dict):
        ck.report(
            LINE_NOT_OBJECT,
            path,
            f"{prefix}A line must be an object, got {json_type(line)}.",
            actual=describe(line),
        )
        return None
    for field in required:
        if line.get(field) is None:
            ck.report(LINE_REQUIRED_FIELD, (*path, field), f"{prefix}The '{field}' field is required.")
    line_type = _check_type(ck, line.get("type"), path, prefix)
    if dialect.category:
        _check_category(ck, line.get("category"), path, prefix)
    _check_name(ck, line.get(dialect.label), path, prefix, dialect.label)
    quantity = check_quantity(
        ck, line.get("quantity"), (*path, "quantity"), prefix, LINE_QUANTITY, LINE_QUANTITY_STRING, _STRING_ACCEPTED
    )

    currency = ck.order_currency
    unit_price = _amount(ck, line, "unitPrice", path, prefix, currency, may_be_negative=True)
    currency = currency or (unit_price.currency if unit_price else None)
    discount = _amount(ck, line, "discountAmount", path, prefix, currency)
    total = _amount(ck, line, "totalAmount", path, prefix, currency, may_be_negative=True)
    vat = _amount(ck, line, "vatAmount", path, prefix, currency, may_be_negative=True)
    if ck.order_currency is None:
        ck.order_currency = next((m.currency for m in (unit_price, discount, total, vat) if m), None)
    rate = _check_rate(ck, line.get("vatRate"), path, prefix)

    if not clean_line_details(line):  # a line broken in its figures is walked for them, not for its URLs
        check_line_details(ck, line, path, prefix)
    if dialect.extras is not None:
        dialect.extras(ck, line, path, prefix)

    kind = line_type or "physical"
    off = _discount_minor(discount, line)
    signs = _check_signs(ck, kind, unit_price, quantity, off, total, vat, path, prefix, dialect.free_gift_card)
    doubt = signs if signs != SIGN_LOST else None
    if signs == SIGN_LOST:
        assert total is not None  # the sign is "lost" only when the sent total shows it
        correct_total: int | None = total.minor
    else:
        correct_total = _check_total(ck, unit_price, quantity, discount, off, total, path, prefix, doubt, dialect.api)
    correct_vat = _check_vat(ck, correct_total, rate, vat, path, prefix, doubt, dialect.api)
    return LineFigures(index, kind, correct_total, correct_vat, rate, doubt)


def check_line_details(ck: Checker, line: dict[object, object], path: Path, prefix: str) -> None:
    """The line's optional descriptive fields: independent of its figures, so ``check_line`` walks them only when
    ``clean_line_details`` does not answer for them (the test run holds each such answer to this walk)."""
    _check_sku(ck, line.get("sku"), path, prefix)
    for field in ("imageUrl", "productUrl"):
        url = line.get(field)
        if url is not None:
            check_url(ck, url, (*path, field), prefix, tolerant=True)
    metadata = line.get("metadata")
    if metadata is not None:
        check_metadata(ck, metadata, (*path, "metadata"), prefix)


def _amount(
    ck: Checker,
    line: dict[object, object],
    field: str,
    path: Path,
    prefix: str,
    currency: str | None,
    *,
    may_be_negative: bool = False,
) -> Money | None:
    value = line.get(field)
    if value is None:
        return None
    return check_amount(
        ck, value, (*path, field), prefix=prefix, may_be_negative=may_be_negative, order_currency=currency
    )


def _enum_problem(value: object, allowed: tuple[str, ...]) -> tuple[str, str | None] | None:
    """``None`` when ``value`` is allowed, else (what is wrong, the value meant when it is obvious)."""
    if isinstance(value, str):
        if value in allowed:
            return None
        folded = value.strip().lower().replace("-", "_").replace(" ", "_")
        return (
            f"{describe(value)!r} is not one of {', '.join(allowed)}",
            folded if folded in allowed else None,
        )
    return f"it must be a string, got {json_type(value)}", None


def _check_type(ck: Checker, value: object, path: Path, prefix: str) -> str | None:
    if value is None:
        return None
    problem = _enum_problem(value, LINE_TYPES)
    if problem is None:
        assert isinstance(value, str)
        return value
    reason, meant = problem
    ck.report(
        LINE_TYPE,
        (*path, "type"),
        f"{prefix}The 'type' field is invalid: {reason}.",
        expected=meant,
        actual=describe(value),
    )
    return meant


def _check_category(ck: Checker, value: object, path: Path, prefix: str) -> None:
    if value is None:
        return
    problem = _enum_problem(value, LINE_CATEGORIES)
    if problem is None:
        return
    reason, meant = problem
    if value == "gifts_and_flowers":
        reason, meant = "'gifts_and_flowers' was renamed to 'gift' in December 2020", "gift"
    ck.report(
        LINE_CATEGORY,
        (*path, "category"),
        f"{prefix}The 'category' field is invalid: {reason}.",
        expected=meant,
        actual=describe(value),
    )


def _check_name(ck: Checker, value: object, path: Path, prefix: str, field: str) -> None:
    """MP206 on the field that names the line (``name`` on orders, ``description`` on payments)."""
    if value is None:
        return
    if not isinstance(value, str):
        ck.report(
            LINE_NAME,
            (*path, field),
            f"{prefix}The '{field}' field must be a string, got {json_type(value)}.",
            actual=describe(value),
        )
    elif is_blank(value):
        ck.report(
            LINE_NAME,
            (*path, field),
            f"{prefix}The '{field}' field should not be empty or contain only white space.",
            actual=value,
        )


#: What MP215 adds to its message: Mollie was seen accepting "2" in an order line.
_STRING_ACCEPTED: Final = " Mollie accepts the string today."


def check_quantity(
    ck: Checker, value: object, where: Path, prefix: str, invalid: Rule, as_string: Rule, seen: str = ""
) -> int | None:
    """The quantity at ``where`` as Mollie reads it, or ``None``: order lines (MP207, MP215) and the lines of
    ship, cancel and refund requests (MP708, MP719) read theirs alike. A whole number in digits as a string
    ("2") is ``as_string``'s warning and counts as 2, so the rest is checked with it (``seen`` says what was
    seen live); anything else that is not an integer from 1 to ``MAX_QUANTITY`` is ``invalid``, with the
    number to send for 2.0."""
    if value is None:
        return None
    if type(value) is int:
        if 1 <= value <= MAX_QUANTITY:
            return value
        bound = "at least 1" if value < 1 else f"at most {MAX_QUANTITY:,}"
        ck.report(invalid, where, f"{prefix}The 'quantity' field must be {bound}.", actual=describe(value))
        return None
    whole = _whole_number(value)
    if whole is not None and type(value) is str:
        ck.report(
            as_string,
            where,
            f"{prefix}The 'quantity' field is a string; the docs ask for a JSON integer, {whole} without quotes.{seen}",
            expected=str(whole),
            actual=describe_typed(value),
        )
        return whole
    advice = f"; send {whole}, without a decimal point." if whole is not None else "."
    ck.report(
        invalid,
        where,
        f"{prefix}The 'quantity' field should be a whole number (a JSON integer), got {describe_typed(value)}{advice}",
        expected=str(whole) if whole is not None else None,
        actual=describe_typed(value),
    )
    return None


def _whole_number(value: object) -> int | None:
    """The integer a caller meant by ``2.0`` or ``"2"``, when that is what they wrote."""
    if isinstance(value, float) and value.is_integer() and 1 <= value <= MAX_QUANTITY:
        return int(value)
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 10:
        number = int(value)
        return number if 1 <= number <= MAX_QUANTITY else None
    return None


def _check_rate(ck: Checker, value: object, path: Path, prefix: str) -> Rate | None:
    if value is None:
        return None
    where = (*path, "vatRate")
    if not isinstance(value, str):
        expected = _rate_string(value)
        if expected is None:
            ck.report(
                LINE_VAT_RATE,
                where,
                f"{prefix}The 'vatRate' field must be a string such as \"21.00\", got {json_type(value)}.",
                actual=describe(value),
            )
            return None
        ck.report(
            LINE_VAT_RATE_NUMBER,
            where,
            f"{prefix}The 'vatRate' field is a JSON number; the docs ask for a string such as \"{expected}\", "
            "Mollie accepts the number today.",
            expected=expected,
            actual=describe_typed(value),
        )
        value = expected
    rate = valid_rate(value)
    if rate is not None:
        return rate
    if parse_rate(value) is None:
        ck.report(
            LINE_VAT_RATE,
            where,
            f"{prefix}The 'vatRate' field must be a percentage with at most two decimals, such as \"21.00\".",
            actual=describe(value),
        )
    else:  # a percentage, but negative (even "-0")
        ck.report(LINE_VAT_RATE, where, f"{prefix}The VAT rate cannot be negative.", actual=value)
    return None


def _rate_string(value: object) -> str | None:
    """The two-decimal rate a JSON number ``vatRate`` stands for, or ``None`` when it stands for none.

    A float is read to 15 significant digits, all that a double holds faithfully (``DBL_DIG``): digits beyond
    are the noise of binary arithmetic, not a rate anybody meant. ``round($tax / $total, 4) * 100`` is
    ``7.000000000000001`` in PHP, and Mollie's WooCommerce plugin sends that on every 7 % line; it is 7.00.
    A rate with a third decimal (``21.125``) stays no two-decimal rate.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    parsed = parse_rate(format(value, ".15g") if isinstance(value, float) else str(value))
    if parsed is None or parsed.units < 0:
        return None
    return format_minor(parsed.units * pow10(2 - parsed.scale), 2)


#: ``_check_signs``' verdict when the unit price alone has the wrong sign and the line's figures show it.
SIGN_LOST: Final = "sign-lost"


def _check_signs(
    ck: Checker,
    kind: str,
    unit_price: Money | None,
    quantity: int | None,
    off: int | None,
    total: Money | None,
    vat: Money | None,
    path: Path,
    prefix: str,
    free_gift_card: bool = False,
) -> str | None:
    """Check that the inputs agree with the line's type (R059–R061); the verdict for the derived figures.

    ``None``: they agree (or the caller switched the rule off, accepting the price as sent). ``SIGN_LOST``:
    only the unit price's sign is wrong, shown by the line's own total and VAT; the finding expects the turned
    price. Otherwise the name of the contradictory input, of which a person must decide what is meant.
    ``off`` is the discount in minor units (0 without one, ``None`` when it cannot be read).
    """
    if unit_price is None:
        return None
    # A gift card of 0 whose discountAmount carries the reduction has a negative amount, as the Orders guide asks
    # (Mollie's OXID module has sent its vouchers so on the Orders API since 2019).
    carried = kind == "gift_card" and unit_price.minor == 0 and off is not None and off > 0
    rule = _sign_rule(kind, unit_price.minor, free_gift_card or carried)
    if rule is None:
        return _check_discount_over_line(ck, kind, unit_price, quantity, off, total, path, prefix)
    if not ck.wants(rule):
        return None
    where = (*path, "unitPrice")
    lost = _sign_lost(kind, unit_price.minor, quantity, off, total, vat)
    currency = unit_price.currency
    if lost:
        assert total is not None
        turned = format_minor(-unit_price.minor, unit_price.decimals)
        figures = f"totalAmount ({format_for_message(total.minor, currency)})"
        if vat is not None and vat.minor:
            figures += f" and vatAmount ({format_for_message(vat.minor, currency)})"
        sign = "negative" if kind in NEGATIVE_TYPES else "positive"
        advice = (
            f" Its {figures} {'are' if ' and ' in figures else 'is'} {sign}, as on a {kind} line, and follow"
            f"{'' if ' and ' in figures else 's'} from the unit price with its sign turned: the unit price lost its "
            f"sign. Send unitPrice {turned}."
        )
    else:
        turned = None
        advice = _undecided_advice(kind)
    ck.report(
        rule,
        where,
        prefix + _SIGN_MESSAGES[rule.code].format(kind=kind) + advice,
        expected=turned,
        actual=unit_price.plain(),
    )
    return SIGN_LOST if lost else "unitPrice"


def _sign_rule(kind: str, minor: int, free_gift_card: bool = False) -> Rule | None:
    """The rule a unit price of ``minor`` breaks on a ``kind`` line, if any (``free_gift_card``: 0 is allowed)."""
    if minor < 0 and kind not in NEGATIVE_TYPES:
        return LINE_UNIT_PRICE_NEGATIVE
    if kind == "gift_card" and (minor > 0 if free_gift_card else minor >= 0):
        return LINE_GIFT_CARD_NOT_NEGATIVE
    if kind in ("discount", "store_credit") and minor > 0:
        return LINE_REDUCTION_POSITIVE
    return None


_SIGN_MESSAGES: Final = {
    "MP208": "The 'unitPrice' field cannot be negative, unless the 'type' is one of the following: "
    "'discount', 'store_credit', and 'gift_card'.",
    "MP209": "A gift_card line must have a negative unitPrice.",
    "MP210": "A {kind} line must have a negative unitPrice; this one adds to the order.",
}


def _undecided_advice(kind: str) -> str:
    """What a person must decide when the line's figures do not show which one is wrong."""
    if kind in NEGATIVE_TYPES:
        return (
            " The line's figures do not show which is wrong, so nothing is derived from it: if it is a reduction, "
            "send a negative unitPrice and derive totalAmount and vatAmount from it; if it charges for something, "
            "give it that type (physical, digital, shipping_fee or surcharge)."
        )
    return (
        " The line's figures do not show which is wrong, so nothing is derived from it: if it is a reduction, "
        "set its type to discount (or store_credit, gift_card); if it is a sale, send a positive unitPrice and "
        "derive totalAmount and vatAmount from it."
    )


def _sign_lost(
    kind: str, minor: int, quantity: int | None, off: int | None, total: Money | None, vat: Money | None
) -> bool:
    """Whether the unit price alone has the wrong sign: turned, it gives the sent total by Mollie's formula,
    and the sent total and VAT have the sign the line's type asks for (the evidence is in the line)."""
    if minor == 0 or quantity is None or off is None or total is None:
        return False
    if line_total_minor(-minor, quantity, off) != total.minor:
        return False
    vat_minor_sent = vat.minor if vat is not None else 0
    if kind in NEGATIVE_TYPES:
        return total.minor < 0 and vat_minor_sent <= 0
    return total.minor >= 0 and vat_minor_sent >= 0


def _check_discount_over_line(
    ck: Checker,
    kind: str,
    unit_price: Money,
    quantity: int | None,
    off: int | None,
    total: Money | None,
    path: Path,
    prefix: str,
) -> str | None:
    """R061: goods or a fee whose discount exceeds the line. Which is meant (a smaller discount, a separate
    discount line, a higher price) is for a person to decide, so the line's derived figures are not expected."""
    if kind not in GOODS_TYPES or not ck.wants(LINE_TOTAL_NEGATIVE):
        return None
    computed = line_total_minor(unit_price.minor, quantity, off) if quantity is not None and off is not None else None
    line_total = computed if computed is not None else total.minor if total is not None else None
    if line_total is None or line_total >= 0:
        return None
    currency = unit_price.currency
    if computed is not None and off:
        gross = unit_price.minor * (quantity or 0)
        ck.report(
            LINE_TOTAL_NEGATIVE,
            (*path, "discountAmount"),
            f"{prefix}The discountAmount ({format_for_message(off, currency)}) is larger than the line "
            f"({format_for_message(gross, currency)}), so its total would be {format_for_message(computed, currency)}; "
            f"a {kind} line should not have a negative total. Lower the discount to at most "
            f"{format_for_message(gross, currency)} and put the rest on a separate discount line.",
            actual=format_minor(off, unit_price.decimals),
        )
        return "discountAmount"
    ck.report(
        LINE_TOTAL_NEGATIVE,
        (*path, "totalAmount"),
        f"{prefix}A {kind} line should not have a negative total; put reductions on a separate discount line.",
        actual=format_minor(line_total, unit_price.decimals),
    )
    return "totalAmount"


def _discount_minor(discount: Money | None, line: dict[object, object]) -> int | None:
    """The line's discount in minor units: 0 without one, ``None`` when one is sent but cannot be read."""
    if discount is not None:
        return discount.minor
    return 0 if line.get("discountAmount") is None else None


def _check_sku(ck: Checker, value: object, path: Path, prefix: str) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        ck.report(
            LINE_SKU,
            (*path, "sku"),
            f"{prefix}The 'sku' field must be a string, got {json_type(value)}.",
            expected=describe(value) if isinstance(value, int) and not isinstance(value, bool) else None,
            actual=describe_typed(value),
        )
    elif len(value) > MAX_SKU:
        ck.report(
            LINE_SKU,
            (*path, "sku"),
            f"{prefix}The 'sku' field is {len(value)} characters long; at most {MAX_SKU} are allowed.",
            actual=describe(value),
        )


def _check_total(
    ck: Checker,
    unit_price: Money | None,
    quantity: int | None,
    discount: Money | None,
    off: int | None,
    total: Money | None,
    path: Path,
    prefix: str,
    doubt: str | None,
    api: str,
) -> int | None:
    """Check the line total (MP202) and return the line total as it should be (the sent one when it cannot be computed).

    With ``doubt`` (an input contradicting the line's type) the difference is still reported, as Mollie
    would compute it, but without an ``expected`` value: the figure follows from a doubtful input.
    """
    if unit_price is None or quantity is None or off is None:
        return total.minor if total is not None else None
    correct = line_total_minor(unit_price.minor, quantity, off)
    if total is not None and total.minor != correct and ck.wants(LINE_TOTAL_AMOUNT):
        shown_off = off if discount is not None else None
        ck.report(
            LINE_TOTAL_AMOUNT,
            (*path, "totalAmount"),
            (
                _total_message,
                (prefix, correct, quantity, unit_price.minor, shown_off, total.minor, unit_price.currency, doubt, api),
            ),
            expected=format_minor(correct, unit_price.decimals) if doubt is None else None,
            actual=total.plain(),
        )
    return correct


def _total_message(
    prefix: str,
    correct: int,
    quantity: int,
    unit: int,
    off: int | None,
    sent: int,
    currency: str,
    doubt: str | None,
    api: str,
) -> str:
    """MP202's message in the words of the API's own validator, written when the finding is read: it formats
    three or four amounts. The Orders API writes "Total amount is off. Expected total amount to be €16.20
    (2 × €9.00 - €1.80), got €7.20."; the Payments API "The 'totalAmount' field is off. Expected to be €15.00
    (€15.00 × 1), got €14.25" (umbraco/Umbraco.Commerce.Issues#818; how it shows a discount is not seen)."""
    expected, got = format_for_message(correct, currency), format_for_message(sent, currency)
    discount = f" - {format_for_message(off, currency)}" if off is not None else ""
    if api == "payments":
        formula = f"{format_for_message(unit, currency)} × {quantity}{discount}"
        words = f"The 'totalAmount' field is off. Expected to be {expected}"
    else:
        formula = f"{quantity} × {format_for_message(unit, currency)}{discount}"
        words = f"Total amount is off. Expected total amount to be {expected}"
    return f"{prefix}{words} ({formula}), got {got}.{_doubt_note(doubt)}"


def _doubt_note(doubt: str | None) -> str:
    """The sentence a derived finding carries when it follows from an input that contradicts the line's type."""
    if doubt is None:
        return ""
    return f" That follows from '{doubt}', which contradicts the line's type: settle '{doubt}' first."


def _check_vat(
    ck: Checker,
    total: int | None,
    rate: Rate | None,
    vat: Money | None,
    path: Path,
    prefix: str,
    doubt: str | None,
    api: str,
) -> int | None:
    """Check the line VAT (MP203) against the correct total and return the VAT as it should be (see ``_check_total`` on
    ``doubt``)."""
    if total is None or rate is None:
        return vat.minor if vat is not None else None
    correct = vat_minor(total, rate)
    if vat is None or vat.minor == correct:
        return correct
    if ck.options.tie_either and vat_minor_is_tie(total, rate) and abs(vat.minor - correct) == 1:
        return vat.minor
    if ck.wants(LINE_VAT_AMOUNT):
        hundredths = rate.units * pow10(2 - rate.scale)
        ck.report(
            LINE_VAT_AMOUNT,
            (*path, "vatAmount"),
            (_vat_message, (prefix, correct, total, hundredths, vat.minor, vat.currency, doubt, api)),
            expected=format_minor(correct, vat.decimals) if doubt is None else None,
            actual=vat.plain(),
        )
    return correct


def _vat_message(
    prefix: str,
    correct: int,
    total: int,
    hundredths: int,
    sent: int,
    currency: str,
    doubt: str | None,
    api: str,
) -> str:
    """MP203's message in the words of the API's own validator, written when the finding is read: it formats
    three amounts. The Orders API writes "VAT amount is off. Expected VAT amount to be €10.46 (€49.94 × (26.50 /
    126.50)), got €10.49" (mollie/WooCommerce#1021, 2025; until at least December 2022 the rates had % signs,
    vendure#1939); the Payments API "The 'vatAmount' field is off. Expected to be €58.41 (€336.53 × (21.00 /
    121.00)), got €55.53" (umbraco/Umbraco.Commerce.Issues#836)."""
    expected, got = format_for_message(correct, currency), format_for_message(sent, currency)
    rate, gross = format_minor(hundredths, 2), format_minor(hundredths + 10000, 2)
    base = format_for_message(total, currency)
    if api == "payments":
        return (
            f"{prefix}The 'vatAmount' field is off. Expected to be {expected} ({base} × ({rate} / {gross})), "
            f"got {got}.{_doubt_note(doubt)}"
        )
    return (
        f"{prefix}VAT amount is off. Expected VAT amount to be {expected} ({base} × ({rate} / {gross})), "
        f"got {got}.{_doubt_note(doubt)}"
    )


# --- clean: "nothing to report here" for one line, for the composed fast path ------------------------
# The same conditions as ``check_line`` and ``check_line_details`` above, as plain comparisons: no path,
# no message, no finding is built. ``check_line`` never calls these: the test run re-checks every clean
# verdict with the full walk (tests/conftest.py), so a rule added above and not here fails loudly.

_TYPES: Final = frozenset(LINE_TYPES)
_CATEGORIES: Final = frozenset(LINE_CATEGORIES)

#: What a clean line contributes to the order: its type, total and VAT in minor units, and its rate.
CleanLine = tuple[str, int, int, Rate]


def clean_line(line: object, currency: str, decimals: int, dialect: LineDialect = ORDERS) -> CleanLine | None:
    """The figures of ``line`` when no line rule fires on it (``check_line`` would report nothing).

    ``decimals`` is the currency's, looked up once per order; the
    ``vatRate`` text is read by ``valid_rate`` (an order repeats a handful of rates over many lines). A
    plain tuple, not ``LineFigures``: the caller keeps nothing.
    Stricter than ``check_line`` where that is cheap: a line without VAT (optional on payments) is left
    to the walk.
    """
    if type(line) is not dict:
        return None
    kind = line.get("type")
    if kind is None:
        kind = "physical"
    elif type(kind) is not str or kind not in _TYPES:
        return None
    if dialect.category:
        category = line.get("category")
        if category is not None and (type(category) is not str or category not in _CATEGORIES):
            return None
    name = line.get(dialect.label)
    quantity = line.get("quantity")
    if type(name) is not str or not name.strip() or type(quantity) is not int or not 1 <= quantity <= MAX_QUANTITY:
        return None
    unit = clean_amount_minor(line.get("unitPrice"), currency, decimals)
    total = clean_amount_minor(line.get("totalAmount"), currency, decimals)
    vat = clean_amount_minor(line.get("vatAmount"), currency, decimals)
    if unit is None or total is None or vat is None:
        return None
    discount = 0
    if line.get("discountAmount") is not None:
        sent = clean_amount_minor(line.get("discountAmount"), currency, decimals)
        if sent is None or sent < 0:
            return None
        discount = sent
    text = line.get("vatRate")
    # The table first, without a call: one look-up per line of every order (``valid_rate`` on a miss).
    rate = (_RATES.get(text) or valid_rate(text)) if type(text) is str else None
    if rate is None or total != unit * quantity - discount or vat != vat_minor(total, rate):
        return None
    if unit < 0:
        if kind not in NEGATIVE_TYPES:
            return None
    elif (unit > 0 and kind in NEGATIVE_TYPES) or (kind == "gift_card" and not dialect.free_gift_card):
        return None
    if total < 0 and kind in GOODS_TYPES:
        return None
    if not clean_line_details(line) or (dialect.clean_extras is not None and not dialect.clean_extras(line)):
        return None
    return kind, total, vat, rate


def clean_line_details(line: dict[object, object]) -> bool:
    """``check_line_details`` would report nothing: sku, imageUrl, productUrl and metadata."""
    sku = line.get("sku")
    if sku is not None and (type(sku) is not str or len(sku) > MAX_SKU):
        return False
    for field in ("imageUrl", "productUrl"):
        url = line.get(field)
        if url is not None and not (type(url) is str and clean_url(url)):
            return False
    return clean_metadata(line.get("metadata"))


#: ``vatRate`` texts already read that are valid rates (not negative) → their ``Rate``, for the whole process.
#: Shops send a handful of rate texts ("21.00", "9.00"), and reading one costs ~1.4 µs, a fifth of a clean
#: line; before, each call kept its own dict of them, one more dict per order on the clean path. A ``Rate``
#: is immutable, so one instance serves every order; a parse decides nothing a rule does not decide again
#: from the ``Rate``. Bounded: texts beyond the first ``_MAX_RATES`` are parsed each time they are read, so
#: hostile input cannot grow it.
_RATES: Final[dict[str, Rate]] = {}
_MAX_RATES: Final = 256


def valid_rate(text: str) -> Rate | None:
    """The ``Rate`` of a ``vatRate`` text when it is a valid rate for a line (a percentage with at most two
    decimals, not negative, not even ``-0``); ``None`` otherwise."""
    rate = _RATES.get(text)
    if rate is not None:
        return rate
    rate = parse_rate(text)
    if rate is None or rate.units < 0 or text.startswith("-"):
        return None
    if len(_RATES) < _MAX_RATES:
        _RATES[text] = rate
    return rate
