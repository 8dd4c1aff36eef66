/// The output formats every listing command accepts (`--format`).
public enum OutputFormat: String, Sendable, CaseIterable, VocabularyEnum {
    case table, json, jsonl, csv, markdown
}
