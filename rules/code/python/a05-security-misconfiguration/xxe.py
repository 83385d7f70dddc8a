from lxml import etree

# ruleid: DSQ-PY-0009
parser = etree.XMLParser(resolve_entities=True)
# ok: DSQ-PY-0009
safe = etree.XMLParser(resolve_entities=False, no_network=True)
