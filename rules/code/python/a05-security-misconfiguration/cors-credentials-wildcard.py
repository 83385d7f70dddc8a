from fastapi.middleware.cors import CORSMiddleware

# ruleid: DSQ-PY-0020
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"])
# ok: DSQ-PY-0020
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
# ruleid: DSQ-PY-0020
CORS(app, origins="*", supports_credentials=True)
