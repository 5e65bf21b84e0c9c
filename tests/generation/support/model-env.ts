// Imported first by tests that go through the tRPC routers, which use the env-configured model:
// it must be set before "@/env" is evaluated. Nothing listens here; these tests run no worker.
process.env.OPENAI_BASE_URL = "http://127.0.0.1:9/v1";
process.env.OPENAI_MODEL = "router-test-model";
