"""Rule families of the Orders API: the create-order body as a whole and its other parameters, and the
endpoints that act on an existing order (shipments, refunds, cancellations, updates, order payments),
checked against an order snapshot.
"""
