"""Rule families of the Payments API: create payment (its lines reuse the shared line rules, its other
parameters are its own), and the endpoints that act on a payment (captures, refunds, updates), checked
against a payment snapshot. Where a parameter means the same as on create-order, the order family's rule
is reused with its code, so a shop moving across sees the same findings.
"""
