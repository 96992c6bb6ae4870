"""The rule catalogue: one module per payload object, each declaring its rules and the checks for them.

Every rule module exposes ``RULES`` (its ``Rule`` declarations) and ``check_*`` functions that take the
part of the payload they are about, its path, and a ``Checker`` that collects findings. ``registry``
gathers the declarations; nothing else lists rules.
"""
