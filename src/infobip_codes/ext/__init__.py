"""Where users keep and move the codes: one module per library.

``infobip_codes.ext.json`` (the standard library), ``.django``, ``.sqlalchemy``,
``.msgspec`` and ``.cattrs``. Each imports its library when it is itself
imported, and nothing imports it for you: ``import infobip_codes`` loads none
of them. docs/integrations.md shows each in use.
"""
