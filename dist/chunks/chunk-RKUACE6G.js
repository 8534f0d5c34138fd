import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);

// src/rollout/formats/format.ts
var DUMP_FORMAT_NAMES = ["verl", "skyrl", "verifiers", "areal", "verl-generation", "trl", "rllm", "native"];
var INPUT_FORMATS = ["auto", ...DUMP_FORMAT_NAMES];
var RecordError = class extends Error {
};
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function describeType(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
function wrongType(key, expected, value) {
  return new RecordError(`'${key}' must be ${expected} (got ${describeType(value)})`);
}
function requiredString(record, key) {
  const value = record[key];
  if (typeof value !== "string") throw value === void 0 ? new RecordError(`missing '${key}'`) : wrongType(key, "a string", value);
  return value;
}
function optionalString(record, key) {
  const value = record[key];
  if (value === void 0 || value === null) return void 0;
  if (typeof value !== "string") throw wrongType(key, "a string", value);
  return value;
}
function optionalNumber(record, key) {
  const value = record[key];
  if (value === void 0 || value === null) return void 0;
  if (typeof value !== "number") throw wrongType(key, "a number", value);
  return value;
}
function optionalInteger(record, key) {
  const value = optionalNumber(record, key);
  if (value !== void 0 && !Number.isInteger(value)) throw new RecordError(`'${key}' must be an integer (got ${value})`);
  return value;
}
function optionalIntegerArray(record, key) {
  const value = record[key];
  if (value === void 0 || value === null) return void 0;
  if (!Array.isArray(value)) throw wrongType(key, "an array of integers", value);
  const index = value.findIndex((v) => !Number.isInteger(v));
  if (index !== -1) throw new RecordError(`'${key}[${index}]' must be an integer (got ${describeType(value[index])})`);
  return value;
}
function optionalGroup(record, key) {
  const value = record[key];
  if (value === void 0 || value === null) return void 0;
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") throw wrongType(key, "a string or a number", value);
  return value;
}
function rewardValue(record, key) {
  const value = record[key];
  if (Array.isArray(value)) {
    const index = value.findIndex((v) => typeof v !== "number");
    if (index !== -1) throw new RecordError(`'${key}[${index}]' must be a number (got ${describeType(value[index])})`);
    return value.reduce((sum, v) => sum + v, 0);
  }
  return optionalNumber(record, key);
}
function chatMessages(value) {
  if (!Array.isArray(value)) return void 0;
  return value.filter(isRecord).map((m) => ({ role: String(m.role ?? ""), content: messageText(m.content) }));
}
function messageText(content) {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => isRecord(part) && typeof part.text === "string" ? part.text : "").join("");
  return "";
}

export {
  INPUT_FORMATS,
  RecordError,
  isRecord,
  describeType,
  requiredString,
  optionalString,
  optionalNumber,
  optionalInteger,
  optionalIntegerArray,
  optionalGroup,
  rewardValue,
  chatMessages,
  messageText
};
