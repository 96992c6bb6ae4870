"""The create-order body as a whole.

Order-level sums use each line's figures as they should be (see ``lines``), so a single wrong line total
is reported once, at the line, not again as an order-amount mismatch.
"""

from __future__ import annotations

from ..._findings import Severity
from ..._money import currency_decimals, format_for_message, format_minor
from ..._reference.currencies import CURRENCY_DECIMALS
from ..._reference.method_limits import DOCUMENTED
from .. import citations as cite
from ..checker import Checker
from ..common.amounts import Money, check_amount, clean_amount_minor
from ..common.lines import NEGATIVE_TYPES, ORDERS, CleanLine, LineDialect, LineFigures, check_line, clean_line
from ..family import BodyFamily
from ..rule import Evidence, Fixability, Rule
from ..values import describe, describe_typed, is_blank, json_type

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

REQUIRED: Final = ("amount", "orderNumber", "lines", "locale")

PAYLOAD_NOT_OBJECT = Rule(
    "MP001",
    "payload-not-object",
    Severity.ERROR,
    (cite.HANDLING_ERRORS,),
    Evidence.DOCUMENTED,
    "the request body is not a JSON object",
    "Every Orders API request body is a JSON object.",
    "Send the order as a JSON object.",
)
ORDER_REQUIRED_FIELD = Rule(
    "MP301",
    "order-required-field",
    Severity.ERROR,
    (cite.MIGRATE_TO_ORDERS, cite.CREATE_ORDER.at("Body parameters")),
    Evidence.DOCUMENTED,
    "amount, orderNumber, lines or locale is missing",
    "These are required on every create-order request (locale is required here, unlike on payments).",
    "Send all four.",
    fixability=Fixability.UNSAFE,
)
ORDER_NUMBER = Rule(
    "MP302",
    "order-number",
    Severity.ERROR,
    (cite.CREATE_ORDER.at("orderNumber"),),
    Evidence.DOCUMENTED,
    "orderNumber is not a non-empty string",
    "orderNumber is documented as a string; Mollie puts it in the payment description.",
    'Send the shop\'s order number as a string: "1337", not 1337.',
    fixability=Fixability.SAFE,
)
ORDER_LINES = Rule(
    "MP303",
    "order-lines",
    Severity.ERROR,
    (
        cite.CREATE_ORDER.at("lines"),
        cite.live("https://github.com/mollie/Shopware/issues/230"),
    ),
    Evidence.LIVE,
    "lines is not a non-empty array",
    "An order consists of its lines; the order amount must equal their sum.",
    "Send at least one line.",
)
ORDER_AMOUNT_MISMATCH = Rule(
    "MP304",
    "order-amount-mismatch",
    Severity.ERROR,
    (
        cite.CREATE_ORDER.at("amount"),
        cite.live("https://github.com/mollie/Magento/issues/137"),
        cite.live("https://github.com/mollie/PrestaShop/issues/89"),
        cite.live("https://github.com/mollie/OpenCart/issues/119"),
        cite.live("https://github.com/mollie/mollie-api-node/issues/131"),
        cite.live("https://github.com/mollie/OpenCart/issues/132"),
        cite.live("https://github.com/mollie/OpenCart/issues/145"),
        cite.live("https://github.com/mollie/OpenCart/issues/149"),
        cite.live("https://github.com/mollie/PrestaShop/issues/95"),
        cite.live("https://github.com/mollie/Shopware6/issues/562"),
        cite.live("https://github.com/mollie/magento2/issues/512"),
        cite.live("https://github.com/mollie/Shopware6/issues/170"),
        cite.live("https://github.com/mollie/Shopware6/issues/439"),
        cite.live("https://github.com/mollie/PrestaShop/issues/1437"),
    ),
    Evidence.LIVE,
    "amount is not the sum of the lines' totalAmount",
    "Mollie requires the order amount to match the sum of the line totals exactly; one cent off is refused.",
    "Set amount to order_amount(lines); handle shop rounding differences with a rounding line (reconcile()).",
    "The amount of the order does not match the total amount from the order lines. Expected order amount to "
    "be €56.90 but got €56.91.",
    fixability=Fixability.UNSAFE,
)
ORDER_VAT_NEGATIVE = Rule(
    "MP305",
    "order-vat-negative",
    Severity.ERROR,
    (cite.CREATE_ORDER.at("lines.vatAmount"),),
    Evidence.DOCUMENTED,
    "the lines' VAT amounts add up to less than zero",
    "An order whose total VAT is negative is refused (discounts guide).",
    "Give discount lines the VAT rate of the goods they discount, and never discount more than the goods.",
)
ORDER_VAT_RATE_NEGATIVE = Rule(
    "MP306",
    "order-vat-rate-negative",
    Severity.WARNING,
    (cite.CREATE_ORDER.at("lines.vatAmount"),),
    Evidence.DOCUMENTED,
    "the VAT of the lines at one rate adds up to less than zero",
    "Mollie asks that no VAT rate's total goes negative; Klarna and bookkeeping need per-rate VAT ≥ 0.",
    "Split an order-level discount into one discount line per VAT rate (split_discount()).",
)
DISCOUNT_LINE_VAT_RATE = Rule(
    "MP307",
    "discount-line-vat-rate",
    Severity.WARNING,
    (cite.CREATE_ORDER.at("lines.vatRate"),),
    Evidence.DOCUMENTED,
    "a discount line's VAT rate is not the rate of any product line",
    "A discount must carry the VAT rate of the goods it discounts, or VAT is moved between rates.",
    "Use the discounted products' rate; split over rates when products have several.",
)
GIFT_CARD_LINE_TAXED = Rule(
    "MP308",
    "gift-card-line-taxed",
    Severity.WARNING,
    (cite.CREATE_ORDER.at("lines.vatRate"),),
    Evidence.DOCUMENTED,
    "a gift_card line carries VAT",
    "A gift card is a means of payment, not a sale; it is untaxed.",
    'Send vatRate "0.00" and a zero vatAmount on gift card lines.',
)
ORDER_AMOUNT_ZERO = Rule(
    "MP309",
    "order-amount-zero",
    Severity.ERROR,
    (
        cite.CREATE_ORDER.at("amount"),
        cite.live("https://github.com/mollie/Shopware6/issues/59"),
        cite.live("https://github.com/umbraco/Umbraco.Commerce.Issues/issues/337"),
        cite.live("https://github.com/vendurehq/vendure/issues/2821"),
    ),
    Evidence.LIVE,
    "the order's amount is zero",
    "Mollie creates the order's first payment with the order, and a payment of nothing is below every method's "
    "minimum: a 0.00 order (a gift card or a promotion covering the whole cart) is refused, at payment.amount, "
    "after the order itself passed. Seen live in 2020, 2021 and 2024. An order that offers cards is left alone: "
    "cards are documented to take 0.00 (a mandate's first payment), and no answer shows such an order refused.",
    "Complete an order of nothing in the shop without Mollie; send only orders of at least 0.01.",
    "The amount is lower than the minimum",
)
#: Mollie checks the order first and its payment after: a zero amount is what it reports when nothing else is wrong.
_ZERO_AMOUNT_PRECEDENCE: Final = -1

RULES = (
    PAYLOAD_NOT_OBJECT,
    ORDER_REQUIRED_FIELD,
    ORDER_NUMBER,
    ORDER_LINES,
    ORDER_AMOUNT_MISMATCH,
    ORDER_VAT_NEGATIVE,
    ORDER_VAT_RATE_NEGATIVE,
    DISCOUNT_LINE_VAT_RATE,
    GIFT_CARD_LINE_TAXED,
    ORDER_AMOUNT_ZERO,
)


def check_body_object(ck: Checker, payload: object) -> bool:
    """``False``, with a finding, when the body is not a JSON object at all (nothing else can be checked)."""
    if isinstance(payload, dict):
        return True
    ck.report(
        PAYLOAD_NOT_OBJECT,
        (),
        f"The request body must be a JSON object, got {json_type(payload)}.",
        actual=describe(payload),
    )
    return False


def check_order(ck: Checker, payload: dict[object, object]) -> None:
    """The core of a create-order body: required fields, amount, order number, lines and their sums."""
    for field in REQUIRED:
        if payload.get(field) is None:
            ck.report(ORDER_REQUIRED_FIELD, (field,), f"The '{field}' field is required.")
    amount = check_body_amount(ck, payload)
    _check_order_number(ck, payload.get("orderNumber"))
    mismatched = check_lines_and_sums(ck, amount, payload.get("lines"), ORDERS)
    if not mismatched:
        _check_amount_zero(ck, amount, payload.get("method"))


def _check_amount_zero(ck: Checker, amount: Money | None, method: object) -> None:
    """MP309: an order of nothing (a zero amount that is not the lines' sum is MP304's alone: the amount is
    wrong, not the order free). An order that names a method documented to take 0.00 (cards, for a mandate) is
    left alone: no live answer shows one refused."""
    if amount is None or amount.minor != 0:
        return
    methods = method if isinstance(method, list) else [method]
    if any(type(m) is str and m in DOCUMENTED and DOCUMENTED[m].minimum == 0 for m in methods):
        return
    ck.report(
        ORDER_AMOUNT_ZERO,
        ("payment", "amount"),
        f"The amount is lower than the minimum. (The order's amount is {format_for_message(0, amount.currency)}: "
        "Mollie creates a payment with every order, and a payment of nothing is refused. Complete a free order "
        "without Mollie.)",
        actual=amount.plain(),
        precedence=_ZERO_AMOUNT_PRECEDENCE,
    )


def check_lines_and_sums(ck: Checker, amount: Money | None, lines: object, dialect: LineDialect) -> bool:
    """Every line of ``dialect``'s API, then the sums over them: Σ totals = ``amount``, VAT and discount rates;
    whether the lines add up to something other than ``amount`` (known whether or not MP304 is selected).

    One implementation for the Orders and the Payments API; ``dialect`` says where they differ.
    """
    figures = _check_lines(ck, lines, dialect)
    if figures is None:
        return False
    mismatched = _check_amount_sum(ck, amount, figures, dialect, lines)
    _check_vat_sums(ck, figures, dialect)
    _check_discount_rates(ck, figures, dialect.noun)
    return mismatched


def _check_order_number(ck: Checker, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        meant = describe(value) if type(value) is int else None
        ck.report(
            ORDER_NUMBER,
            ("orderNumber",),
            f"The 'orderNumber' field must be a string, got {json_type(value)}"
            + (f'; send "{meant}".' if meant else "."),
            expected=meant,
            actual=describe_typed(value),
        )
    elif is_blank(value):
        ck.report(ORDER_NUMBER, ("orderNumber",), "The 'orderNumber' field should not be empty.", actual=value)


def _check_lines(ck: Checker, lines: object, dialect: LineDialect) -> list[LineFigures] | None:
    """Check every line; the figures of all lines, or ``None`` when an order-level sum is meaningless."""
    if lines is None:
        return None
    if not isinstance(lines, (list, tuple)) or not lines:
        what = "an empty array" if isinstance(lines, (list, tuple)) else json_type(lines)
        ck.report(
            ORDER_LINES,
            ("lines",),
            f"The 'lines' field must be a non-empty array of {dialect.noun} lines, got {what}.",
        )
        return None
    figures = _lines_figures(ck, lines, dialect)
    if any(f is None for f in figures):
        return None
    return [f for f in figures if f is not None]


class LinesRead:
    """What ``clean_lines_and_sums`` read of ``lines`` before it answered "maybe": the figures of the lines up to
    the first it could not answer for (``unclean``, its index; -1 when every line was clean and a sum was not),
    in ``currency``, read as ``dialect``. The walk of the same call (``_lines_figures``) takes them instead of
    reading those lines again: an order whose 99th line was a cent off had 98 clean lines read twice, doubling its
    cost. It is left on the checker only when the clean answers "maybe", so a clean body pays nothing for it."""

    __slots__ = ("currency", "dialect", "figures", "lines", "unclean")

    def __init__(
        self, lines: list[object], currency: str, dialect: LineDialect, figures: list[CleanLine], unclean: int
    ) -> None:
        self.lines = lines
        self.currency = currency
        self.dialect = dialect
        self.figures = figures
        self.unclean = unclean


def _lines_figures(
    ck: Checker, lines: list[object] | tuple[object, ...], dialect: LineDialect
) -> list[LineFigures | None]:
    """``check_line`` of every line, a line that ``clean_line`` answers for taken from its figures instead
    (the same ``LineFigures``, without a walk: an order with one wrong line pays for walking that line), and the
    lines the family's clean already read in this call (``LinesRead``) taken from what it read."""
    currency, decimals = ck.order_currency, ck.order_decimals
    if currency is None or decimals is None:
        return [check_line(ck, line, index, dialect=dialect) for index, line in enumerate(lines)]
    read, ck.lines_read = ck.lines_read, None
    known: list[CleanLine] = []
    unclean = -1
    if type(read) is LinesRead and read.lines is lines and read.currency == currency and read.dialect is dialect:
        known, unclean = read.figures, read.unclean
    figures: list[LineFigures | None] = []
    for index, line in enumerate(lines):
        if index < len(known):
            clean: CleanLine | None = known[index]
        else:
            clean = None if index == unclean else clean_line(line, currency, decimals, dialect)
        figures.append(check_line(ck, line, index, dialect=dialect) if clean is None else LineFigures(index, *clean))
    return figures


#: ``to_problem`` precedence of an order amount that is not the sum of the line totals as sent: Mollie reports
#: it before the lines' own errors and the addresses' (mollie/PrestaShop#89, mollie/Shopware6#562).
_SENT_SUM_PRECEDENCE: Final = 1


def _sent_total(lines: object, amount: Money) -> int | None:
    """The sum of the lines' ``totalAmount`` as sent, in minor units; ``None`` when one cannot be read."""
    if not isinstance(lines, (list, tuple)):
        return None
    total = 0
    for line in lines:
        if type(line) is not dict:
            return None
        minor = clean_amount_minor(line.get("totalAmount"), amount.currency, amount.decimals)
        if minor is None:
            return None
        total += minor
    return total


def _check_amount_sum(
    ck: Checker, amount: Money | None, figures: list[LineFigures], dialect: LineDialect, lines: object
) -> bool:
    """MP304; whether the lines' sum is known and is not ``amount``."""
    if amount is None:
        return False
    expected = 0
    for f in figures:
        if f.total is None:
            return False
        expected += f.total
    if expected == amount.minor:
        return False
    if ck.wants(ORDER_AMOUNT_MISMATCH):
        doubtful = next((f for f in figures if f.doubt is not None), None)
        note = (
            f" Line {doubtful.index}'s '{doubtful.doubt}' contradicts its type, so the right amount cannot be told "
            "until that is settled."
            if doubtful is not None
            else " The lines add up to less than zero, which no amount can be: the reductions are larger than what "
            "they reduce, so a line is wrong."
            if expected < 0
            else ""
        )
        sent = _sent_total(lines, amount)
        ck.report(
            ORDER_AMOUNT_MISMATCH,
            ("amount",),
            (_mismatch_message, (dialect.api, expected, amount.minor, amount.currency, note)),
            expected=format_minor(expected, amount.decimals) if doubtful is None and expected >= 0 else None,
            actual=amount.plain(),
            precedence=_SENT_SUM_PRECEDENCE if sent is not None and sent != amount.minor else 0,
        )
    return True


def _mismatch_message(api: str, expected: int, sent: int, currency: str, note: str) -> str:
    """MP304's message in the words of the API's own validator, written when the finding is read: it formats two
    amounts. The Payments API writes "The 'amount' field is off. Expected to be €203.78 (sum of the line items),
    got €203.77" (mollie/PrestaShop#1437)."""
    should, was = format_for_message(expected, currency), format_for_message(sent, currency)
    if api == "payments":
        return f"The 'amount' field is off. Expected to be {should} (sum of the line items), got {was}.{note}"
    return (
        "The amount of the order does not match the total amount from the order lines. Expected order amount "
        f"to be {should} but got {was}.{note}"
    )


def _check_vat_sums(ck: Checker, figures: list[LineFigures], dialect: LineDialect) -> None:
    currency = ck.order_currency
    if currency is None:
        return
    total = 0
    #: normalised rate → [the rate as first written, its VAT, the first line with it]
    per_rate: dict[tuple[int, int], list[Any]] = {}
    for f in figures:
        if f.vat is None or f.rate is None:
            return
        total += f.vat
        entry = per_rate.get(f.rate.key)
        if entry is None:
            per_rate[f.rate.key] = [f.rate, f.vat, f.index]
        else:
            entry[1] += f.vat
    if total < 0 and dialect.negative_vat_refused:
        ck.report(
            ORDER_VAT_NEGATIVE,
            ("lines",),
            f"The total VAT of the order lines is negative ({format_for_message(total, currency)}); "
            "an order's VAT cannot be negative.",
            actual=_plain(total, currency),
        )
        return
    for rate, vat, first in per_rate.values():
        if vat < 0:
            ck.report(
                ORDER_VAT_RATE_NEGATIVE,
                ("lines", first, "vatRate"),
                f"The VAT of the lines at {rate.to_decimal()}% adds up to {format_for_message(vat, currency)}; "
                "split discounts per VAT rate so that no rate's VAT is negative.",
                actual=_plain(vat, currency),
            )


def _check_discount_rates(ck: Checker, figures: list[LineFigures], noun: str) -> None:
    reductions = [f for f in figures if f.type == "discount" or f.type == "gift_card"]
    if not reductions:
        return
    product_rates = {
        f.rate.key for f in figures if f.rate is not None and f.type not in NEGATIVE_TYPES and (f.total or 0) > 0
    }
    for f in reductions:
        where = ("lines", f.index, "vatRate")
        if f.type == "discount" and f.rate is not None and product_rates and f.rate.key not in product_rates:
            ck.report(
                DISCOUNT_LINE_VAT_RATE,
                where,
                f"Discount line {f.index} has VAT rate {f.rate.to_decimal()}%, which no product line in the "
                f"{noun} has; "
                "a discount should carry the rate of the goods it discounts.",
                actual=str(f.rate.to_decimal()),
            )
        elif f.type == "gift_card" and f.rate is not None and not f.rate.is_zero:
            ck.report(
                GIFT_CARD_LINE_TAXED,
                where,
                f'Gift card line {f.index} should be untaxed: send vatRate "0.00" with a zero vatAmount.',
                actual=str(f.rate.to_decimal()),
            )


def _plain(minor: int, currency: str) -> str:
    return format_minor(minor, currency_decimals(currency) or 0)


# --- clean: "nothing to report here", for the composed fast path; ``check_order`` never calls it ---

#: Line types with an order-level rule on their VAT rate (discounts at a product's rate, gift cards at 0 %).
_RATE_BOUND_TYPES: Final = frozenset({"discount", "gift_card"})


def check_body_amount(ck: Checker, payload: dict[object, object]) -> Money | None:
    """The body's ``amount``, checked; when valid it becomes the context the later checks read (the
    currency the lines must have, the amount in minor units and its decimals). Orders and payments alike."""
    if payload.get("amount") is None:
        return None
    amount = check_amount(ck, payload["amount"], ("amount",))
    if amount is not None:
        ck.order_currency = amount.currency
        ck.order_amount = amount.minor
        ck.order_decimals = amount.decimals
    return amount


def clean_body_amount(amount: dict[object, object]) -> tuple[str, int, int] | None:
    """For the cleans: the currency, its decimals and the amount in minor units when ``check_body_amount``
    would report nothing on a non-negative ``amount``; ``None`` means "walk"."""
    currency = amount.get("currency")
    decimals = CURRENCY_DECIMALS.get(currency) if type(currency) is str else None
    if decimals is None or type(currency) is not str:
        return None
    minor = clean_amount_minor(amount, currency, decimals)
    if minor is None or minor < 0:
        return None
    return currency, decimals, minor


def clean_order(payload: dict[object, object], ck: Checker) -> bool:
    """``check_order`` would report nothing: the required fields, a plain order number, a valid amount,
    every line clean (answered by the lines family) and the order-level sums right."""
    order_number, locale = payload.get("orderNumber"), payload.get("locale")
    if type(order_number) is not str or not order_number.strip() or locale is None:
        return False
    amount, lines = payload.get("amount"), payload.get("lines")
    if type(amount) is not dict or type(lines) is not list or not lines:
        return False
    context = clean_body_amount(amount)
    if context is None:
        return False
    currency, decimals, order_minor = context
    if order_minor == 0 or not clean_lines_and_sums(ck, lines, currency, decimals, order_minor, ORDERS):
        return False
    # What ``check_order`` leaves the later families (methods, payment) from a valid amount: a clean order
    # family is not walked, and the families after it read the same context.
    ck.order_currency, ck.order_amount, ck.order_decimals = currency, order_minor, decimals
    return True


def clean_lines_and_sums(
    ck: Checker, lines: list[object], currency: str, decimals: int, amount_minor: int, dialect: LineDialect
) -> bool:
    """``check_lines_and_sums`` would report nothing on a non-empty ``lines`` list: every line clean and
    the sums right (the body's ``amount`` is ``amount_minor`` in ``currency``, already read as valid).

    On "maybe" it leaves ``ck`` what it read (``LinesRead``) for the walk that follows."""
    figures: list[CleanLine] = []
    total = 0
    unusual = False
    for index, line in enumerate(lines):
        clean = clean_line(line, currency, decimals, dialect)
        if clean is None:
            ck.lines_read = LinesRead(lines, currency, dialect, figures, index)
            return False
        figures.append(clean)
        kind, line_total, vat, _ = clean
        total += line_total
        if vat < 0 or kind in _RATE_BOUND_TYPES:
            unusual = True
    # Without a negative VAT no rate's VAT can be negative, and without a discount or gift card line the
    # reduction rules have nothing to check: the usual order is done here.
    if total == amount_minor and (not unusual or _clean_rates(figures)):
        return True
    ck.lines_read = LinesRead(lines, currency, dialect, figures, -1)
    return False


def _clean_rates(figures: list[CleanLine]) -> bool:
    """The order-level rate rules of an order with a negative VAT or a reduction line: every rate's VAT at
    least zero, gift cards at 0 %, discounts at a rate some product line uses."""
    vat_by_rate: dict[tuple[int, int], int] = {}
    product_rates: set[tuple[int, int]] = set()
    discount_rates: list[tuple[int, int]] = []
    for kind, line_total, vat, rate in figures:
        key = rate.key
        vat_by_rate[key] = vat_by_rate.get(key, 0) + vat
        if kind == "discount":
            discount_rates.append(key)
        elif kind == "gift_card":
            if rate.units:
                return False
        elif line_total > 0 and kind not in NEGATIVE_TYPES:
            product_rates.add(key)
    return min(vat_by_rate.values()) >= 0 and (not product_rates or product_rates.issuperset(discount_rates))


#: This family's part of a create-order body (composed in ``create_order``).
CREATE_ORDER: Final[BodyFamily] = BodyFamily("order", check_order, clean_order)
