"""Every create-order field beyond the amounts and lines: one triggering and one passing case per rule,
each asserting the code, the field and the expected value of every finding.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mollie_preflight as mp
from mollie_preflight._reference.countries import ALPHA_2
from mollie_preflight._reference.postal_codes import POSTAL_CODES
from mollie_preflight._rules.common.address import postal_code_pattern

from .helpers import TODAY
from .payloads import docs_example_order, example_order

Order = dict[str, Any]
ALL = mp.Options()


def found(order: object, options: mp.Options = ALL) -> list[tuple[str, str, str | None]]:
    return [(v.code, v.field, v.expected) for v in mp.validate_order(order, today=TODAY, options=options)]


def with_(change: Callable[[Order], object]) -> Order:
    order = example_order()
    change(order)
    return order


def setter(path: str, value: Any) -> Callable[[Order], None]:
    def change(order: Order) -> None:
        *parents, last = path.split(".")
        node: Any = order
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[last] = value

    return change


def deleter(path: str) -> Callable[[Order], None]:
    def change(order: Order) -> None:
        *parents, last = path.split(".")
        node: Any = order
        for key in parents:
            node = node[key]
        del node[last]

    return change


def both(*changes: Callable[[Order], None]) -> Callable[[Order], None]:
    def change(order: Order) -> None:
        for each in changes:
            each(order)

    return change


def _usd() -> tuple[Callable[[Order], None], ...]:
    changes = [setter("amount.currency", "USD")]
    for index in range(2):
        for field in ("unitPrice", "totalAmount", "vatAmount", "discountAmount"):
            changes.append(_currency(index, field))
    return tuple(changes)


def _currency(index: int, field: str) -> Callable[[Order], None]:
    def change(order: Order) -> None:
        if field in order["lines"][index]:
            order["lines"][index][field]["currency"] = "USD"

    return change


def in_days(days: int) -> str:
    return (TODAY + datetime.timedelta(days=days)).isoformat()


def email_of_length(length: int) -> str:
    """A plain address of exactly ``length`` characters: a 64-character local part, labels of at most 63."""
    local, top = "a" * 64, ".example"
    labels, room = [], length - len(local) - 1 - len(top)
    while room > 0:
        labels.append("b" * min(63, room))
        room -= len(labels[-1]) + 1
    return f"{local}@{'.'.join(labels)}{top}"


def metadata_of_size(size: int) -> dict[str, str]:
    """``{"k": "xx…"}``, ``size`` bytes of compact JSON (8 of them the braces, quotes, key and colon)."""
    return {"k": "x" * (size - 8)}


def url_of_length(length: int, base: str = "https://shop.example.org/return/") -> str:
    return base + "a" * (length - len(base))


def _fee(value: str) -> dict[str, object]:
    return {"applicationFee": {"amount": {"currency": "EUR", "value": value}, "description": "Fee"}}


def one_line_total(value: str, vat: str) -> Callable[[Order], None]:
    """The order of one line of ``value`` at 21 % VAT (``vat``), and nothing else to pay."""

    def change(order: Order) -> None:
        line = order["lines"][1]
        for field in ("unitPrice", "totalAmount"):
            line[field] = {"currency": "EUR", "value": value}
        line["vatAmount"] = {"currency": "EUR", "value": vat}
        order["lines"] = [line]
        order["amount"] = {"currency": "EUR", "value": value}

    return change


CASES: list[tuple[str, Callable[[Order], object], list[tuple[str, str, str | None]]]] = [
    # addresses
    ("address-not-object", setter("billingAddress", "Damrak 1"), [("MP401", "billingAddress", None)]),
    (
        "address-missing-fields",
        both(
            deleter("billingAddress.streetAndNumber"),
            deleter("billingAddress.postalCode"),
            deleter("billingAddress.city"),
        ),
        [("MP402", "billingAddress", None)],
    ),
    (
        "postal code not needed in HK",
        both(setter("billingAddress.country", "HK"), deleter("billingAddress.postalCode")),
        [],
    ),
    ("address-name short", setter("billingAddress.givenName", "A"), [("MP403", "billingAddress.givenName", None)]),
    (
        "address-name missing, named member by member (mollie/Magento#246)",
        both(deleter("billingAddress.givenName"), setter("billingAddress.familyName", " ")),
        [("MP403", "billingAddress.givenName", None), ("MP403", "billingAddress.familyName", None)],
    ),
    (
        "address fields and a name missing",
        both(deleter("billingAddress.city"), deleter("billingAddress.familyName")),
        [("MP402", "billingAddress", None), ("MP403", "billingAddress.familyName", None)],
    ),
    (
        "address-name digits",
        setter("billingAddress.familyName", "12345"),
        [("MP403", "billingAddress.familyName", None)],
    ),
    ("address-field-value blank", setter("billingAddress.title", "  "), [("MP404", "billingAddress.title", None)]),
    ("address-field-value type", setter("billingAddress.city", 1012), [("MP404", "billingAddress.city", None)]),
    ("address-field-empty title", setter("billingAddress.title", ""), [("MP408", "billingAddress.title", None)]),
    ("an empty cancelUrl is no cancel URL", setter("cancelUrl", ""), [("MP013", "cancelUrl", None)]),
    ("an empty country is a missing one", setter("billingAddress.country", ""), [("MP402", "billingAddress", None)]),
    ("a blank country is a missing one", setter("billingAddress.country", " "), [("MP402", "billingAddress", None)]),
    ("a blank cancelUrl", setter("cancelUrl", "  "), [("MP012", "cancelUrl", None)]),
    (
        "address-field-empty, two optional fields",
        both(setter("billingAddress.region", ""), setter("billingAddress.streetAdditional", "")),
        [("MP408", "billingAddress.streetAdditional", None), ("MP408", "billingAddress.region", None)],
    ),
    (
        "an empty required field is missing, not empty",
        setter("billingAddress.city", ""),
        [("MP402", "billingAddress", None)],
    ),
    ("address-country", setter("billingAddress.country", "XX"), [("MP405", "billingAddress.country", None)]),
    ("country name", setter("billingAddress.country", "Netherlands"), [("MP405", "billingAddress.country", "NL")]),
    ("country alpha-3", setter("billingAddress.country", "nld"), [("MP405", "billingAddress.country", "NL")]),
    ("country padded", setter("billingAddress.country", " NL "), [("MP405", "billingAddress.country", "NL")]),
    ("address-country-case", setter("billingAddress.country", "nl"), [("MP406", "billingAddress.country", "NL")]),
    (
        "address-postal-code-format",
        setter("billingAddress.postalCode", "0000AA"),
        [("MP407", "billingAddress.postalCode", None)],
    ),
    ("postal code in lower case", setter("billingAddress.postalCode", "1012lg"), []),
    # our bound on what is matched against a country's pattern (not Mollie's): 20 characters, padding included
    ("postal code padded to 20", setter("billingAddress.postalCode", "1012 LG".ljust(20)), []),
    (
        "postal code padded to 21",
        setter("billingAddress.postalCode", "1012 LG".ljust(21)),
        [("MP407", "billingAddress.postalCode", None)],
    ),
    (
        "address-paypal-region",
        both(
            setter("method", ["paypal", "ideal"]),
            setter("shippingAddress", {**example_order()["billingAddress"], "country": "US", "postalCode": "10001"}),
        ),
        [("MP409", "shippingAddress.region", None)],
    ),
    (
        "address-paypal-length",
        both(setter("method", ["paypal", "ideal"]), setter("billingAddress.city", "A" * 101)),
        [("MP410", "billingAddress.city", None)],
    ),
    # https://docs.mollie.com/reference/create-payment (PayPal): postalCode of at most 20 characters; AE has no
    # postal code format of its own that would refuse it first
    (
        "paypal postal code of 20",
        both(
            setter("method", ["paypal", "ideal"]),
            setter("billingAddress.country", "AE"),
            setter("billingAddress.postalCode", "A1" * 10),
        ),
        [],
    ),
    (
        "paypal postal code of 21",
        both(
            setter("method", ["paypal", "ideal"]),
            setter("billingAddress.country", "AE"),
            setter("billingAddress.postalCode", "A1" * 10 + "A"),
        ),
        [("MP410", "billingAddress.postalCode", None)],
    ),
    (
        "paypal region of 100",
        both(setter("method", ["paypal", "ideal"]), setter("billingAddress.region", "R" * 100)),
        [],
    ),
    (
        "paypal region of 101",
        both(setter("method", ["paypal", "ideal"]), setter("billingAddress.region", "R" * 101)),
        [("MP410", "billingAddress.region", None)],
    ),
    (
        "address-paypal-only-region",
        both(
            setter("method", "paypal"),
            setter("shippingAddress", {**example_order()["billingAddress"], "country": "US", "postalCode": "10001"}),
        ),
        [("MP412", "shippingAddress.region", None)],
    ),
    (
        "address-paypal-only-length",
        both(setter("method", ["paypal"]), setter("billingAddress.city", "A" * 101)),
        [("MP413", "billingAddress.city", None)],
    ),
    ("billie-organization-name", setter("method", "billie"), [("MP411", "billingAddress.organizationName", None)]),
    (
        "billie with organization",
        both(setter("method", "billie"), setter("billingAddress.organizationName", "Fietsen B.V.")),
        [],
    ),
    # contact data
    ("phone not E.164", setter("billingAddress.phone", "020 820 2070"), [("MP420", "billingAddress.phone", None)]),
    (
        "phone with spaces",
        setter("billingAddress.phone", "+31 20 820 2070"),
        [("MP420", "billingAddress.phone", "+31208202070")],
    ),
    # No country uses +697 (mollie/PrestaShop#271, refused live); +691 would be Micronesia's.
    ("phone unassigned code", setter("billingAddress.phone", "+697112404"), [("MP420", "billingAddress.phone", None)]),
    # Mollie created an order with this number, a digit short of a Dutch one, in its own Postman collection.
    ("phone off the plan", setter("billingAddress.phone", "+3130920207"), [("MP422", "billingAddress.phone", None)]),
    ("phone far too short", setter("billingAddress.phone", "+316123"), [("MP422", "billingAddress.phone", None)]),
    ("email", setter("billingAddress.email", "anna@"), [("MP421", "billingAddress.email", None)]),
    (
        "email padded",
        setter("billingAddress.email", " anna@example.org"),
        [("MP421", "billingAddress.email", "anna@example.org")],
    ),
    ("email international", setter("billingAddress.email", "jürgen@müller.de"), []),
    # special-use names refuse mail (RFC 6761), in plain ASCII as in international addresses
    ("email .test domain", setter("billingAddress.email", "anna@shop.test"), [("MP421", "billingAddress.email", None)]),
    ("email .LOCAL domain", setter("billingAddress.email", "jan@nas.LOCAL"), [("MP421", "billingAddress.email", None)]),
    (
        "email .test international",
        setter("billingAddress.email", "jürgen@shop.test"),
        [("MP421", "billingAddress.email", None)],
    ),
    ("email .internal domain", setter("billingAddress.email", "anna@crm.internal"), []),
    # RFC 5321's 254 characters, as email_validator counts them; the plain-address pattern has no length of its own
    ("email of 254 characters", setter("billingAddress.email", email_of_length(254)), []),
    (
        "email of 255 characters",
        setter("billingAddress.email", email_of_length(255)),
        [("MP421", "billingAddress.email", None)],
    ),
    # methods
    ("method unknown", setter("method", "ideall"), [("MP501", "method", "ideal")]),
    ("method reverted", setter("method", ["ideal", "twint"]), [("MP501", "method.1", None)]),
    ("method empty array", setter("method", []), [("MP501", "method", None)]),
    ("method replaced", setter("method", "klarnasliceit"), [("MP533", "method", "klarna")]),
    ("method retired", setter("method", ["ideal", "giropay"]), [("MP534", "method.1", None)]),
    ("method retired, unknown today", setter("method", "inghomepay"), [("MP534", "method", None)]),
    ("method valid array", setter("method", ["ideal", "creditcard"]), []),
    ("method-currency", both(setter("method", "ideal"), *_usd()), [("MP502", "method", None)]),
    ("method-currency-limited", both(setter("method", ["ideal", "paypal"]), *_usd()), [("MP503", "method", None)]),
    ("voucher-category", setter("method", ["voucher", "ideal"]), [("MP504", "lines", None)]),
    ("voucher-only-no-category", setter("method", "voucher"), [("MP505", "lines", None)]),
    ("voucher with category", both(setter("method", "voucher"), setter("lines.0.category", "gift")), []),
    (
        "klarna-phone",
        both(setter("method", "klarna"), deleter("billingAddress.phone")),
        [("MP506", "billingAddress.phone", None)],
    ),
    ("giftcard-cap", setter("method", "giftcard"), [("MP507", "method", None)]),
    # https://docs.mollie.com/docs/gift-cards: at most EUR 50 per payment, so 50.00 is covered and 50.01 is not
    ("giftcard at the cap", both(setter("method", "giftcard"), one_line_total("50.00", "8.68")), []),
    (
        "giftcard a cent over the cap",
        both(setter("method", "giftcard"), one_line_total("50.01", "8.68")),
        [("MP507", "method", None)],
    ),
    (
        "paypal-digital",
        both(setter("method", "paypal"), setter("lines.0.type", "digital")),
        [("MP508", "method", None)],
    ),
    # payment object
    ("payment-not-object", setter("payment", "ideal_INGBNL2A"), [("MP520", "payment", None)]),
    ("payment-unknown-key", setter("payment", {"dueDate": "2026-12-01"}), [("MP521", "payment.dueDate", None)]),
    (
        "payment-sequence-type",
        setter("payment", {"sequenceType": "Oneoff"}),
        [("MP522", "payment.sequenceType", "oneoff")],
    ),
    (
        "payment-recurring-customer",
        setter("payment", {"sequenceType": "recurring"}),
        [("MP523", "payment.customerId", None)],
    ),
    (
        "recurring needs no redirectUrl",
        both(setter("payment", {"sequenceType": "recurring", "customerId": "cst_8wmqcHMN4U"}), deleter("redirectUrl")),
        [],
    ),
    (
        "payment-first-method",
        both(setter("method", "banktransfer"), setter("payment", {"sequenceType": "first"})),
        [("MP524", "method", None)],
    ),
    (
        "payment-issuer",
        both(setter("method", "ideal"), setter("payment", {"issuer": "ING"})),
        [("MP525", "payment.issuer", None)],
    ),
    ("ideal issuer", both(setter("method", "ideal"), setter("payment", {"issuer": "ideal_INGBNL2A"})), []),
    (
        "payment-company",
        setter("payment", {"company": {"entityType": "limited company"}}),
        [("MP526", "payment.company.entityType", "limited-company")],
    ),
    (
        "payment-apple-pay-token",
        setter("payment", {"applePayPaymentToken": {"paymentData": {}}}),
        [("MP527", "payment.applePayPaymentToken", None)],
    ),
    (
        "payment-extra-merchant-data",
        setter("payment", {"extraMerchantData": '{"customer_account_info": []}'}),
        [("MP531", "payment.extraMerchantData", None)],
    ),
    ("extra merchant data object", setter("payment", {"extraMerchantData": {"customer_account_info": []}}), []),
    (
        "application-fee",
        setter("payment", {"applicationFee": {"amount": {"currency": "EUR", "value": "1.00"}}}),
        [("MP528", "payment.applicationFee.description", None)],
    ),
    (
        "application-fee-maximum",
        setter("payment", {"applicationFee": {"amount": {"currency": "EUR", "value": "2.50"}, "description": "Fee"}}),
        [("MP529", "payment.applicationFee.amount", None)],
    ),
    (
        "application fee within limits",
        setter("payment", {"applicationFee": {"amount": {"currency": "EUR", "value": "1.50"}, "description": "Fee"}}),
        [],
    ),
    # https://docs.mollie.com/reference/create-order (payment.applicationFee): 10 % of the amount, at most EUR 2.00
    ("application fee at EUR 2.00", setter("payment", _fee("2.00")), []),
    (
        "application fee over EUR 2.00",
        setter("payment", _fee("2.01")),
        [("MP529", "payment.applicationFee.amount", None)],
    ),
    ("application fee at 10 %", both(one_line_total("10.00", "1.74"), setter("payment", _fee("1.00"))), []),
    (
        "application fee over 10 %",
        both(one_line_total("10.00", "1.74"), setter("payment", _fee("1.01"))),
        [("MP529", "payment.applicationFee.amount", None)],
    ),
    ("resource-id-prefix", setter("payment", {"customerId": "12345"}), [("MP530", "payment.customerId", None)]),
    ("profile id prefix", setter("profileId", "website-1"), [("MP530", "profileId", None)]),
    # top level
    ("redirect-url-required", deleter("redirectUrl"), [("MP601", "redirectUrl", None)]),
    ("billing-address-required", deleter("billingAddress"), [("MP602", "billingAddress", None)]),
    ("paypal express needs no billing address", both(deleter("billingAddress"), setter("method", "paypal")), []),
    ("locale nl", setter("locale", "nl"), [("MP603", "locale", None)]),  # nl_NL or nl_BE: a hint only
    ("locale nl-NL", setter("locale", "nl-NL"), [("MP603", "locale", "nl_NL")]),
    ("locale NL_nl", setter("locale", "NL_nl"), [("MP603", "locale", "nl_NL")]),
    ("locale xx", setter("locale", "xx_XX"), [("MP603", "locale", None)]),
    ("date-format", setter("consumerDateOfBirth", "31-01-1958"), [("MP604", "consumerDateOfBirth", None)]),
    (
        "date-format datetime",
        setter("expiresAt", in_days(10) + "T12:00:00+00:00"),
        [("MP604", "expiresAt", in_days(10))],
    ),
    ("date-format impossible", setter("expiresAt", "2026-02-30"), [("MP604", "expiresAt", None)]),
    ("expires-at-window far", setter("expiresAt", in_days(101)), [("MP605", "expiresAt", in_days(100))]),
    ("expires-at-window today", setter("expiresAt", in_days(0)), [("MP605", "expiresAt", in_days(1))]),
    ("expires-at-window edges", setter("expiresAt", in_days(100)), []),
    (
        "expires-at-klarna",
        both(setter("method", "klarnapaylater"), setter("expiresAt", in_days(29))),
        [("MP533", "method", "klarna"), ("MP606", "expiresAt", in_days(28))],
    ),
    ("date-of-birth", setter("consumerDateOfBirth", in_days(1)), [("MP607", "consumerDateOfBirth", None)]),
    ("boolean-field", setter("testmode", "true"), [("MP608", "testmode", "true")]),
    # create order refuses a parameter it does not know (zwaldeck/mollie#55): MP718, no longer the MP609 warning
    (
        "non-existent-parameter near miss",
        setter("redirectURL", "https://x.example.org"),
        [("MP718", "redirectURL", "redirectUrl")],
    ),
    ("non-existent-parameter removed", setter("description", "Order 42"), [("MP718", "description", None)]),
    (
        "non-existent-parameter followed 8 keys deep",
        setter("metaData", {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": "v"}}}}}}}}}),
        [("MP718", "metaData.a.b.c.d.e.f.g", "metadata.a.b.c.d.e.f.g")],
    ),
    (
        "non-existent-parameter object",
        setter("metaData", {"basketId": "17"}),
        [("MP718", "metaData.basketId", "metadata.basketId")],
    ),
    ("metadata at the top", setter("metadata", {"k": "x" * 2000}), [("MP010", "metadata", None)]),
    # https://docs.mollie.com/reference/create-order (metadata): "approximately 1kB", read as 1024 bytes, with a
    # warning from 1000 on
    ("metadata of 1000 bytes", setter("metadata", metadata_of_size(1000)), []),
    ("metadata of 1001 bytes", setter("metadata", metadata_of_size(1001)), [("MP011", "metadata", None)]),
    ("metadata of 1024 bytes", setter("metadata", metadata_of_size(1024)), [("MP011", "metadata", None)]),
    ("metadata of 1025 bytes", setter("metadata", metadata_of_size(1025)), [("MP010", "metadata", None)]),
    ("url-invalid redirect", setter("redirectUrl", "/return"), [("MP012", "redirectUrl", None)]),
    ("custom scheme redirect", setter("redirectUrl", "my-app://payment-return"), []),
    ("webhook-unreachable", setter("webhookUrl", "http://localhost:8000/hook"), [("MP611", "webhookUrl", None)]),
    ("webhook private ip", setter("webhookUrl", "https://192.168.1.10/hook"), [("MP611", "webhookUrl", None)]),
    ("webhook .localhost name", setter("webhookUrl", "https://shop.localhost/hook"), [("MP611", "webhookUrl", None)]),
    ("webhook custom scheme", setter("webhookUrl", "my-app://hook"), [("MP012", "webhookUrl", None)]),
    ("webhook onion", setter("webhookUrl", "https://shop2xyz.onion/hook"), [("MP611", "webhookUrl", None)]),
    ("webhook arpa", setter("webhookUrl", "https://1.0.0.10.in-addr.arpa/hook"), [("MP611", "webhookUrl", None)]),
    ("webhook public", setter("webhookUrl", "https://hooks.shop.example.com./mollie"), []),
    (
        "urls of 2048 characters",
        both(setter("redirectUrl", url_of_length(2048)), setter("webhookUrl", url_of_length(2048))),
        [],
    ),
    ("redirect url of 2049 characters", setter("redirectUrl", url_of_length(2049)), [("MP012", "redirectUrl", None)]),
    ("custom scheme redirect of 2048", setter("redirectUrl", url_of_length(2048, "my-app://payment-return/")), []),
    (
        "custom scheme redirect of 2049",
        setter("redirectUrl", url_of_length(2049, "my-app://payment-return/")),
        [("MP012", "redirectUrl", None)],
    ),
    ("webhook url of 2049 characters", setter("webhookUrl", url_of_length(2049)), [("MP012", "webhookUrl", None)]),
    (
        "payment webhook",
        setter("payment", {"webhookUrl": "https://shop.internal/hook"}),
        [("MP611", "payment.webhookUrl", None)],
    ),
]


@pytest.mark.parametrize(("case", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_field_rule(case: str, change: Callable[[Order], object], expected: list[tuple[str, str, str | None]]) -> None:
    assert found(with_(change)) == expected


def test_messages_use_mollies_words() -> None:
    messages = {
        v.code: v.message
        for v in mp.validate_order(
            with_(
                both(
                    deleter("billingAddress.streetAndNumber"),
                    deleter("billingAddress.city"),
                    setter("locale", "xx"),
                    setter("webhookUrl", "http://localhost/"),
                )
            ),
            today=TODAY,
        )
    }
    assert messages["MP402"] == "The following fields of the billingAddress are missing: streetAndNumber, city"
    assert messages["MP603"].startswith("The locale is invalid")
    assert messages["MP611"].startswith(
        "The webhook URL is invalid because it is unreachable from Mollie's point of view"
    )
    assert only_message(with_(deleter("billingAddress.givenName")), "MP403") == (
        "Member 'givenName' in billing address is missing or incorrect."
    )
    name = only_message(with_(setter("billingAddress.givenName", "A")), "MP403")
    assert name.startswith("Member 'givenName' in billing address is missing or incorrect")


def test_a_postal_code_too_long_to_match_says_so_not_that_its_format_is_wrong() -> None:
    """Past 20 characters a postal code is not matched against its country's pattern; the message gives the
    length as the reason, as "1012 LG" padded may well have the right format."""
    padded = only_message(with_(setter("billingAddress.postalCode", "1012 LG".ljust(21))), "MP407")
    assert padded == (
        "The postal code '1012 LG              ' is 21 characters long, spaces included: longer than any NL postal "
        "code (for example 1234 AB, 2490 AA)."
    )
    wrong = only_message(with_(setter("billingAddress.postalCode", "0000AA")), "MP407")
    assert wrong == (
        "The postal code '0000AA' does not have the format of NL postal codes (for example 1234 AB, 2490 AA)."
    )


def only_message(order: Order, code: str) -> str:
    hits = [v.message for v in mp.validate_order(order, today=TODAY) if v.code == code]
    assert len(hits) == 1
    return hits[0]


def test_mollies_example_stays_clean_with_every_rule() -> None:
    """Mollie's own example still sends klarnapaylater, replaced in April 2025: accepted, so only a warning."""
    report = mp.validate_order(docs_example_order(), today=TODAY, options=ALL)
    assert report.errors == ()
    assert [(v.code, v.field, v.expected) for v in report] == [("MP533", "method", "klarna")]
    assert found(example_order()) == []


def test_the_expires_at_bounds_are_options() -> None:
    order = with_(setter("expiresAt", in_days(101)))
    assert found(order, mp.Options(expires_at_max_days=101)) == []
    klarna = with_(both(setter("method", "klarnapaylater"), setter("expiresAt", in_days(40))))
    assert found(klarna, mp.Options(klarna_expires_at_max_days=45)) == [("MP533", "method", "klarna")]


def test_country_table_agrees_with_pycountry() -> None:
    import pycountry

    assert {country.alpha_2 for country in pycountry.countries} == ALPHA_2


def test_country_names_table_agrees_with_pycountry() -> None:
    import pycountry

    from mollie_preflight._reference.country_names import ALPHA_2_BY_ALIAS

    for country in pycountry.countries:
        assert ALPHA_2_BY_ALIAS[country.alpha_3.casefold()] == country.alpha_2
        assert ALPHA_2_BY_ALIAS[country.name.casefold()] == country.alpha_2


@given(
    country=st.sampled_from(["NL", "DE", "BE", "FR", "GB", "US", "JP", "SE", "PL", "AT", "HK", "AE"]),
    email=st.from_regex(r"[a-z]{1,10}(\.[a-z0-9]{1,5})?@[a-z]{2,10}\.(nl|com|de|org)", fullmatch=True),
)
def test_generated_addresses_from_many_countries_are_clean(country: str, email: str) -> None:
    import phonenumbers

    order = example_order()
    example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE)
    assert example is not None
    phone = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
    order["billingAddress"] |= {"country": country, "phone": phone, "email": email}
    if country in POSTAL_CODES:
        order["billingAddress"]["postalCode"] = POSTAL_CODES[country][1][0]
    assert found(order) == []


POSTAL_COUNTRIES = sorted(set(POSTAL_CODES) & ALPHA_2)


@given(st.data())
def test_postal_codes_drawn_from_each_countrys_own_pattern_are_clean(data: st.DataObject) -> None:
    country = data.draw(st.sampled_from(POSTAL_COUNTRIES))
    postal_code = data.draw(st.from_regex(re.compile(POSTAL_CODES[country][0], re.ASCII), fullmatch=True))
    order = example_order()
    order["billingAddress"] |= {"country": country, "postalCode": postal_code}
    assert [v.code for v in mp.validate_order(order, today=TODAY) if v.code.startswith("MP40")] == []


@pytest.mark.parametrize("country", POSTAL_COUNTRIES)
def test_every_countrys_own_examples_pass(country: str) -> None:
    pattern = postal_code_pattern(country)
    assert pattern is not None
    assert all(pattern.fullmatch(example) for example in POSTAL_CODES[country][1])
