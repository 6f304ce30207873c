"""Build-time tooling for infobip-codes.

Data flows one way: ``spec/*.yaml`` -> :mod:`codegen.spec` (load and validate)
-> :mod:`codegen.render` (jinja2 templates) -> committed files under
``src/infobip_codes/`` and ``docs/``. Loading stands on :mod:`codegen.reader`
(one file, safely), :mod:`codegen.checks` (the checks every document's fields
go through) and :mod:`codegen.identifiers` (the HTTP error identifiers' file).
:mod:`codegen.page` and :mod:`codegen.importer` keep the spec true to
Infobip's documentation page.

Nothing here is imported by the installed package.
"""
