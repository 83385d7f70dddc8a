import os

# ruleid: DSQ-PY-0023
DEBUG = True
# ok: DSQ-PY-0023
DEBUG = os.environ.get("DEBUG") == "1"

if __name__ == "__main__":
    # ruleid: DSQ-PY-0023
    app.run(host="0.0.0.0", debug=True)
    # ok: DSQ-PY-0023
    app.run(host="0.0.0.0")
