"""Rule families both APIs share: amounts, lines and their arithmetic, URLs, metadata, addresses, contact
details, dates and payment methods. Mollie documents these identically for the Orders and the Payments API,
so each is written once and told the API only where the two differ (``lines.LineDialect``).
"""
