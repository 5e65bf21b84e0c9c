import prismaInternals from "@prisma/internals";
import pg from "pg";

/**
 * Drift check without Prisma's schema engine (it cannot be downloaded offline): describe what
 * schema.prisma implies (via the DMMF from Prisma's own WASM parser) and what a migrated database
 * really has, each as a set of facts — tables, columns with type/nullability/default, enums,
 * indexes, foreign keys — and report the facts that only one side has.
 */
type DMMF = Awaited<ReturnType<typeof prismaInternals.getDMMF>>;
type Model = DMMF["datamodel"]["models"][number];
type Field = Model["fields"][number];

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "int4",
  BigInt: "int8",
  Float: "float8",
  Decimal: "numeric",
  Boolean: "bool",
  DateTime: "timestamp",
  Json: "jsonb",
  Bytes: "bytea",
};
const NATIVE_TYPES: Record<string, string> = {
  Text: "text",
  VarChar: "varchar",
  Char: "bpchar",
  Uuid: "uuid",
  Integer: "int4",
  SmallInt: "int2",
  Timestamptz: "timestamptz",
  Timestamp: "timestamp",
  Date: "date",
};
// Defaults Prisma computes in the client: the database has no DEFAULT for them.
const CLIENT_SIDE_DEFAULTS = new Set(["cuid", "uuid", "nanoid", "ulid"]);
const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

export async function schemaFacts(datamodel: string): Promise<Set<string>> {
  const dmmf = await prismaInternals.getDMMF({ datamodel });
  const facts = new Set<string>();
  for (const e of dmmf.datamodel.enums) {
    facts.add(`enum ${e.dbName ?? e.name} (${e.values.map((v) => v.dbName ?? v.name).join(", ")})`);
  }
  const modelsByName = new Map(dmmf.datamodel.models.map((m) => [m.name, m]));
  const tableOf = (m: Model) => m.dbName ?? m.name;
  const columnOf = (m: Model, fieldName: string) => {
    const f = m.fields.find((x) => x.name === fieldName);
    return f?.dbName ?? fieldName;
  };

  for (const model of dmmf.datamodel.models) {
    const table = tableOf(model);
    facts.add(`table ${table}`);
    for (const field of model.fields) {
      if (field.kind === "scalar" || field.kind === "enum") facts.add(columnFact(table, field));
      if (field.kind === "object" && field.relationFromFields?.length) {
        const target = modelsByName.get(field.type)!;
        const from = field.relationFromFields.map((n) => columnOf(model, n));
        const to = (field.relationToFields ?? []).map((n) => columnOf(target, n));
        const onDelete = field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull");
        facts.add(
          `fk ${table}_${from.join("_")}_fkey (${from.join(", ")}) -> ${tableOf(target)}(${to.join(", ")}) ON DELETE ${REFERENTIAL_ACTIONS[onDelete]}`,
        );
      }
    }
  }
  for (const index of dmmf.datamodel.indexes) {
    const model = modelsByName.get(index.model)!;
    const table = tableOf(model);
    const cols = index.fields.map((f) => columnOf(model, f.name));
    const suffix = index.type === "id" ? "pkey" : index.type === "unique" ? "key" : "idx";
    const name = index.dbName ?? (index.type === "id" ? `${table}_pkey` : `${table}_${cols.join("_")}_${suffix}`);
    facts.add(`index ${name} ${index.type === "normal" ? "" : "UNIQUE "}ON ${table}(${cols.join(", ")})`);
  }
  return facts;
}

function columnFact(table: string, field: Field): string {
  const native = field.nativeType?.[0];
  const type =
    field.kind === "enum"
      ? field.type
      : native
        ? (NATIVE_TYPES[native] ?? native.toLowerCase())
        : (SCALAR_TYPES[field.type] ?? field.type);
  const defaultName =
    typeof field.default === "object" && field.default && "name" in field.default ? field.default.name : null;
  const dbDefault = field.hasDefaultValue && !CLIENT_SIDE_DEFAULTS.has(String(defaultName));
  return `column ${table}.${field.dbName ?? field.name} ${type}${field.isList ? "[]" : ""}${field.isRequired ? " NOT NULL" : ""}${dbDefault ? " DEFAULT" : ""}`;
}

export async function databaseFacts(databaseUrl: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const facts = new Set<string>();
  try {
    const enums = await client.query<{ name: string; labels: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`);
    for (const e of enums.rows) facts.add(`enum ${e.name} (${e.labels.join(", ")})`);

    const tables = await client.query<{ name: string }>(`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`);
    for (const t of tables.rows) facts.add(`table ${t.name}`);

    const columns = await client.query<{
      table_name: string;
      column_name: string;
      udt_name: string;
      is_nullable: string;
      column_default: string | null;
    }>(`
      SELECT table_name, column_name, udt_name, is_nullable, column_default FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    for (const c of columns.rows) {
      const isList = c.udt_name.startsWith("_");
      const type = isList ? c.udt_name.slice(1) : c.udt_name;
      facts.add(
        `column ${c.table_name}.${c.column_name} ${type}${isList ? "[]" : ""}${c.is_nullable === "NO" ? " NOT NULL" : ""}${c.column_default !== null ? " DEFAULT" : ""}`,
      );
    }

    const indexes = await client.query<{ name: string; table: string; unique: boolean; columns: string[] }>(`
      SELECT i.relname AS name, t.relname AS table, ix.indisunique AS unique,
             array_agg(a.attname ORDER BY k.ord)::text[] AS columns
      FROM pg_index ix
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
      GROUP BY i.relname, t.relname, ix.indisunique`);
    for (const i of indexes.rows) {
      facts.add(`index ${i.name} ${i.unique ? "UNIQUE " : ""}ON ${i.table}(${i.columns.join(", ")})`);
    }

    const fks = await client.query<{ name: string; table: string; cols: string[]; ref_table: string; ref_cols: string[]; on_delete: string }>(`
      SELECT c.conname AS name, t.relname AS table, rt.relname AS ref_table,
        (SELECT array_agg(a.attname ORDER BY k.ord)::text[] FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS cols,
        (SELECT array_agg(a.attname ORDER BY k.ord)::text[] FROM unnest(c.confkey) WITH ORDINALITY k(n, ord)
           JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS ref_cols,
        CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'r' THEN 'RESTRICT' WHEN 'n' THEN 'SET NULL'
          WHEN 'd' THEN 'SET DEFAULT' ELSE 'NO ACTION' END AS on_delete
      FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class rt ON rt.oid = c.confrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`);
    for (const f of fks.rows) {
      facts.add(`fk ${f.name} (${f.cols.join(", ")}) -> ${f.ref_table}(${f.ref_cols.join(", ")}) ON DELETE ${f.on_delete}`);
    }
  } finally {
    await client.end();
  }
  return facts;
}

export type Drift = { onlyInSchema: string[]; onlyInDatabase: string[] };

export function diffFacts(schema: Set<string>, database: Set<string>): Drift {
  return {
    onlyInSchema: [...schema].filter((f) => !database.has(f)).sort(),
    onlyInDatabase: [...database].filter((f) => !schema.has(f)).sort(),
  };
}
