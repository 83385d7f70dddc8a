from flask import Flask

# ruleid: DSQ-PY-0025
app = Flask(__name__)
# ok: DSQ-PY-0025
other = create_app()
