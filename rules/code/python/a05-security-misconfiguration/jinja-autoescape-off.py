from jinja2 import Environment, FileSystemLoader, select_autoescape

# ruleid: DSQ-PY-0024
env = Environment(loader=FileSystemLoader("templates"))
# ruleid: DSQ-PY-0024
env2 = Environment(loader=FileSystemLoader("templates"), autoescape=False)
# ok: DSQ-PY-0024
env3 = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html"]))
