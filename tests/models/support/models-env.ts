// Imported first: "@/env" reads these once. Two models on offer, and an explicit secret key.
import "../../generation/support/model-env";

process.env.OPENAI_MODELS = "router-test-model, router-large";
process.env.OLLIO_SECRET_KEY = "q2BfJx0xk3n0v6u7J3lOQ0dYy1e0mF6Zr0w8h2Hh1sI=";
