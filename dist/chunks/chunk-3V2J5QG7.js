import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);

// src/analysis/languages/python.ts
import { createRequire } from "node:module";
import { dirname as dirname2, join as join2 } from "node:path";

// node_modules/web-tree-sitter/web-tree-sitter.js
var __defProp = Object.defineProperty;
var __name = (target, value) => __defProp(target, "name", { value, configurable: true });
var Edit = class {
  static {
    __name(this, "Edit");
  }
  /** The start position of the change. */
  startPosition;
  /** The end position of the change before the edit. */
  oldEndPosition;
  /** The end position of the change after the edit. */
  newEndPosition;
  /** The start index of the change. */
  startIndex;
  /** The end index of the change before the edit. */
  oldEndIndex;
  /** The end index of the change after the edit. */
  newEndIndex;
  constructor({
    startIndex,
    oldEndIndex,
    newEndIndex,
    startPosition,
    oldEndPosition,
    newEndPosition
  }) {
    this.startIndex = startIndex >>> 0;
    this.oldEndIndex = oldEndIndex >>> 0;
    this.newEndIndex = newEndIndex >>> 0;
    this.startPosition = startPosition;
    this.oldEndPosition = oldEndPosition;
    this.newEndPosition = newEndPosition;
  }
  /**
   * Edit a point and index to keep it in-sync with source code that has been edited.
   *
   * This function updates a single point's byte offset and row/column position
   * based on an edit operation. This is useful for editing points without
   * requiring a tree or node instance.
   */
  editPoint(point, index) {
    let newIndex = index;
    const newPoint = { ...point };
    if (index >= this.oldEndIndex) {
      newIndex = this.newEndIndex + (index - this.oldEndIndex);
      const originalRow = point.row;
      newPoint.row = this.newEndPosition.row + (point.row - this.oldEndPosition.row);
      newPoint.column = originalRow === this.oldEndPosition.row ? this.newEndPosition.column + (point.column - this.oldEndPosition.column) : point.column;
    } else if (index > this.startIndex) {
      newIndex = this.newEndIndex;
      newPoint.row = this.newEndPosition.row;
      newPoint.column = this.newEndPosition.column;
    }
    return { point: newPoint, index: newIndex };
  }
  /**
   * Edit a range to keep it in-sync with source code that has been edited.
   *
   * This function updates a range's start and end positions based on an edit
   * operation. This is useful for editing ranges without requiring a tree
   * or node instance.
   */
  editRange(range) {
    const newRange = {
      startIndex: range.startIndex,
      startPosition: { ...range.startPosition },
      endIndex: range.endIndex,
      endPosition: { ...range.endPosition }
    };
    if (range.endIndex >= this.oldEndIndex) {
      if (range.endIndex !== Number.MAX_SAFE_INTEGER) {
        newRange.endIndex = this.newEndIndex + (range.endIndex - this.oldEndIndex);
        newRange.endPosition = {
          row: this.newEndPosition.row + (range.endPosition.row - this.oldEndPosition.row),
          column: range.endPosition.row === this.oldEndPosition.row ? this.newEndPosition.column + (range.endPosition.column - this.oldEndPosition.column) : range.endPosition.column
        };
        if (newRange.endIndex < this.newEndIndex) {
          newRange.endIndex = Number.MAX_SAFE_INTEGER;
          newRange.endPosition = { row: Number.MAX_SAFE_INTEGER, column: Number.MAX_SAFE_INTEGER };
        }
      }
    } else if (range.endIndex > this.startIndex) {
      newRange.endIndex = this.startIndex;
      newRange.endPosition = { ...this.startPosition };
    }
    if (range.startIndex >= this.oldEndIndex) {
      newRange.startIndex = this.newEndIndex + (range.startIndex - this.oldEndIndex);
      newRange.startPosition = {
        row: this.newEndPosition.row + (range.startPosition.row - this.oldEndPosition.row),
        column: range.startPosition.row === this.oldEndPosition.row ? this.newEndPosition.column + (range.startPosition.column - this.oldEndPosition.column) : range.startPosition.column
      };
      if (newRange.startIndex < this.newEndIndex) {
        newRange.startIndex = Number.MAX_SAFE_INTEGER;
        newRange.startPosition = { row: Number.MAX_SAFE_INTEGER, column: Number.MAX_SAFE_INTEGER };
      }
    } else if (range.startIndex > this.startIndex) {
      newRange.startIndex = this.startIndex;
      newRange.startPosition = { ...this.startPosition };
    }
    return newRange;
  }
};
var SIZE_OF_SHORT = 2;
var SIZE_OF_INT = 4;
var SIZE_OF_CURSOR = 4 * SIZE_OF_INT;
var SIZE_OF_NODE = 5 * SIZE_OF_INT;
var SIZE_OF_POINT = 2 * SIZE_OF_INT;
var SIZE_OF_RANGE = 2 * SIZE_OF_INT + 2 * SIZE_OF_POINT;
var ZERO_POINT = { row: 0, column: 0 };
var INTERNAL = /* @__PURE__ */ Symbol("INTERNAL");
function assertInternal(x) {
  if (x !== INTERNAL) throw new Error("Illegal constructor");
}
__name(assertInternal, "assertInternal");
function isPoint(point) {
  return !!point && typeof point.row === "number" && typeof point.column === "number";
}
__name(isPoint, "isPoint");
function setModule(module2) {
  C = module2;
}
__name(setModule, "setModule");
var C;
function newFinalizer(handler) {
  try {
    return new FinalizationRegistry(handler);
  } catch (e) {
    console.error("Unsupported FinalizationRegistry:", e);
    return;
  }
}
__name(newFinalizer, "newFinalizer");
var finalizer = newFinalizer((address) => {
  C._ts_lookahead_iterator_delete(address);
});
var LookaheadIterator = class {
  static {
    __name(this, "LookaheadIterator");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  language;
  /** @internal */
  positioned = false;
  /** @internal */
  constructor(internal, address, language) {
    assertInternal(internal);
    this[0] = address;
    this.language = language;
    finalizer?.register(this, address, this);
  }
  /**
   * Get the current symbol of the lookahead iterator.
   *
   * Returns `null` if the iterator is not positioned on a symbol:
   *
   * - Before the first iteration step
   * - After the iterator is exhausted
   * - After a {@link reset} or {@link resetState} call
   */
  get currentTypeId() {
    return this.positioned ? C._ts_lookahead_iterator_current_symbol(this[0]) : null;
  }
  /**
   * Get the current symbol name of the lookahead iterator.
   *
   * Returns `null` if the iterator is not positioned on a symbol.
   */
  get currentType() {
    const id = this.currentTypeId;
    if (id === null) return null;
    return this.language.types[id] ?? C.UTF8ToString(C._ts_language_symbol_name(this.language[0], id));
  }
  /** Delete the lookahead iterator, freeing its resources. */
  delete() {
    finalizer?.unregister(this);
    C._ts_lookahead_iterator_delete(this[0]);
    this[0] = 0;
  }
  /**
   * Reset the lookahead iterator.
   *
   * This returns `true` if the language was set successfully and `false`
   * otherwise.
   */
  reset(language, stateId) {
    if (C._ts_lookahead_iterator_reset(this[0], language[0], stateId)) {
      this.language = language;
      this.positioned = false;
      return true;
    }
    return false;
  }
  /**
   * Reset the lookahead iterator to another state.
   *
   * This returns `true` if the iterator was reset to the given state and
   * `false` otherwise.
   */
  resetState(stateId) {
    if (!C._ts_lookahead_iterator_reset_state(this[0], stateId)) return false;
    this.positioned = false;
    return true;
  }
  /**
   * Returns an iterator that iterates over the symbols of the lookahead iterator.
   *
   * The iterator will yield the current symbol name as a string for each step
   * until there are no more symbols to iterate over.
   */
  [Symbol.iterator]() {
    return {
      next: /* @__PURE__ */ __name(() => {
        this.positioned = Boolean(C._ts_lookahead_iterator_next(this[0]));
        const value = this.currentType;
        return value === null ? { done: true, value: "" } : { done: false, value };
      }, "next")
    };
  }
};
function getText(tree, startIndex, endIndex, startPosition) {
  const length = endIndex - startIndex;
  let result = tree.textCallback(startIndex, startPosition);
  if (result) {
    startIndex += result.length;
    while (startIndex < endIndex) {
      const string = tree.textCallback(startIndex, startPosition);
      if (string && string.length > 0) {
        startIndex += string.length;
        result += string;
      } else {
        break;
      }
    }
    if (startIndex > endIndex) {
      result = result.slice(0, length);
    }
  }
  return result ?? "";
}
__name(getText, "getText");
var finalizer2 = newFinalizer((address) => {
  C._ts_tree_delete(address);
});
var Tree = class _Tree {
  static {
    __name(this, "Tree");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  textCallback;
  /** The language that was used to parse the syntax tree. */
  language;
  /** @internal */
  constructor(internal, address, language, textCallback) {
    assertInternal(internal);
    this[0] = address;
    this.language = language;
    this.textCallback = textCallback;
    finalizer2?.register(this, address, this);
  }
  /** Create a shallow copy of the syntax tree. This is very fast. */
  copy() {
    const address = C._ts_tree_copy(this[0]);
    return new _Tree(INTERNAL, address, this.language, this.textCallback);
  }
  /** Delete the syntax tree, freeing its resources. */
  delete() {
    finalizer2?.unregister(this);
    C._ts_tree_delete(this[0]);
    this[0] = 0;
  }
  /** Get the root node of the syntax tree. */
  get rootNode() {
    C._ts_tree_root_node_wasm(this[0]);
    return unmarshalNode(this);
  }
  /**
   * Get the root node of the syntax tree, but with its position shifted
   * forward by the given offset.
   */
  rootNodeWithOffset(offsetBytes, offsetExtent) {
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, offsetBytes, "i32");
    marshalPoint(address + SIZE_OF_INT, offsetExtent);
    C._ts_tree_root_node_with_offset_wasm(this[0]);
    return unmarshalNode(this);
  }
  /**
   * Edit the syntax tree to keep it in sync with source code that has been
   * edited.
   *
   * You must describe the edit both in terms of byte offsets and in terms of
   * row/column coordinates.
   */
  edit(edit) {
    marshalEdit(edit);
    C._ts_tree_edit_wasm(this[0]);
  }
  /** Create a new {@link TreeCursor} starting from the root of the tree. */
  walk() {
    return this.rootNode.walk();
  }
  /**
   * Compare this old edited syntax tree to a new syntax tree representing
   * the same document, returning a sequence of ranges whose syntactic
   * structure has changed.
   *
   * For this to work correctly, this syntax tree must have been edited such
   * that its ranges match up to the new tree. Generally, you'll want to
   * call this method right after calling one of the [`Parser::parse`]
   * functions. Call it on the old tree that was passed to parse, and
   * pass the new tree that was returned from `parse`.
   */
  getChangedRanges(other) {
    if (!(other instanceof _Tree)) {
      throw new TypeError("Argument must be a Tree");
    }
    C._ts_tree_get_changed_ranges_wasm(this[0], other[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalRange(address);
        address += SIZE_OF_RANGE;
      }
      C._free(buffer);
    }
    return result;
  }
  /** Get the included ranges that were used to parse the syntax tree. */
  getIncludedRanges() {
    C._ts_tree_included_ranges_wasm(this[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalRange(address);
        address += SIZE_OF_RANGE;
      }
      C._free(buffer);
    }
    return result;
  }
};
var finalizer3 = newFinalizer((address) => {
  C._ts_tree_cursor_delete_wasm(address);
});
var TreeCursor = class _TreeCursor {
  static {
    __name(this, "TreeCursor");
  }
  /** @internal */
  // @ts-expect-error: never read
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  // @ts-expect-error: never read
  [1] = 0;
  // Internal handle for Wasm
  /** @internal */
  // @ts-expect-error: never read
  [2] = 0;
  // Internal handle for Wasm
  /** @internal */
  // @ts-expect-error: never read
  [3] = 0;
  // Internal handle for Wasm
  /** @internal */
  tree;
  /** @internal */
  constructor(internal, tree) {
    assertInternal(internal);
    this.tree = tree;
    unmarshalTreeCursor(this);
    finalizer3?.register(this, this.tree[0], this);
  }
  /** Creates a deep copy of the tree cursor. This allocates new memory. */
  copy() {
    const copy = new _TreeCursor(INTERNAL, this.tree);
    C._ts_tree_cursor_copy_wasm(this.tree[0]);
    unmarshalTreeCursor(copy);
    return copy;
  }
  /** Delete the tree cursor, freeing its resources. */
  delete() {
    finalizer3?.unregister(this);
    marshalTreeCursor(this);
    C._ts_tree_cursor_delete_wasm(this.tree[0]);
    this[0] = this[1] = this[2] = 0;
  }
  /** Get the tree cursor's current {@link Node}. */
  get currentNode() {
    marshalTreeCursor(this);
    C._ts_tree_cursor_current_node_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get the numerical field id of this tree cursor's current node.
   *
   * See also {@link TreeCursor#currentFieldName}.
   */
  get currentFieldId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_field_id_wasm(this.tree[0]);
  }
  /** Get the field name of this tree cursor's current node. */
  get currentFieldName() {
    return this.tree.language.fields[this.currentFieldId];
  }
  /**
   * Get the depth of the cursor's current node relative to the original
   * node that the cursor was constructed with.
   */
  get currentDepth() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_depth_wasm(this.tree[0]);
  }
  /**
   * Get the index of the cursor's current node out of all of the
   * descendants of the original node that the cursor was constructed with.
   */
  get currentDescendantIndex() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_descendant_index_wasm(this.tree[0]);
  }
  /** Get the type of the cursor's current node. */
  get nodeType() {
    return this.tree.language.types[this.nodeTypeId] || "ERROR";
  }
  /** Get the type id of the cursor's current node. */
  get nodeTypeId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_type_id_wasm(this.tree[0]);
  }
  /** Get the state id of the cursor's current node. */
  get nodeStateId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_state_id_wasm(this.tree[0]);
  }
  /** Get the id of the cursor's current node. */
  get nodeId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_id_wasm(this.tree[0]);
  }
  /**
   * Check if the cursor's current node is *named*.
   *
   * Named nodes correspond to named rules in the grammar, whereas
   * *anonymous* nodes correspond to string literals in the grammar.
   */
  get nodeIsNamed() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_is_named_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if the cursor's current node is *missing*.
   *
   * Missing nodes are inserted by the parser in order to recover from
   * certain kinds of syntax errors.
   */
  get nodeIsMissing() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_is_missing_wasm(this.tree[0]) === 1;
  }
  /** Get the string content of the cursor's current node. */
  get nodeText() {
    marshalTreeCursor(this);
    const startIndex = C._ts_tree_cursor_start_index_wasm(this.tree[0]);
    const endIndex = C._ts_tree_cursor_end_index_wasm(this.tree[0]);
    C._ts_tree_cursor_start_position_wasm(this.tree[0]);
    const startPosition = unmarshalPoint(TRANSFER_BUFFER);
    return getText(this.tree, startIndex, endIndex, startPosition);
  }
  /** Get the start position of the cursor's current node. */
  get startPosition() {
    marshalTreeCursor(this);
    C._ts_tree_cursor_start_position_wasm(this.tree[0]);
    return unmarshalPoint(TRANSFER_BUFFER);
  }
  /** Get the end position of the cursor's current node. */
  get endPosition() {
    marshalTreeCursor(this);
    C._ts_tree_cursor_end_position_wasm(this.tree[0]);
    return unmarshalPoint(TRANSFER_BUFFER);
  }
  /** Get the start index of the cursor's current node. */
  get startIndex() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_start_index_wasm(this.tree[0]);
  }
  /** Get the end index of the cursor's current node. */
  get endIndex() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_end_index_wasm(this.tree[0]);
  }
  /**
   * Move this cursor to the first child of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there were no children.
   */
  gotoFirstChild() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_first_child_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the last child of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there were no children.
   *
   * Note that this function may be slower than
   * {@link TreeCursor#gotoFirstChild} because it needs to
   * iterate through all the children to compute the child's position.
   */
  gotoLastChild() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_last_child_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the parent of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there was no parent node (the cursor was already on the
   * root node).
   *
   * Note that the node the cursor was constructed with is considered the root
   * of the cursor, and the cursor cannot walk outside this node.
   */
  gotoParent() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_parent_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the next sibling of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there was no next sibling node.
   *
   * Note that the node the cursor was constructed with is considered the root
   * of the cursor, and the cursor cannot walk outside this node.
   */
  gotoNextSibling() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_next_sibling_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the previous sibling of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there was no previous sibling node.
   *
   * Note that this function may be slower than
   * {@link TreeCursor#gotoNextSibling} due to how node
   * positions are stored. In the worst case, this will need to iterate
   * through all the children up to the previous sibling node to recalculate
   * its position. Also note that the node the cursor was constructed with is
   * considered the root of the cursor, and the cursor cannot walk outside this node.
   */
  gotoPreviousSibling() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_previous_sibling_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move the cursor to the node that is the nth descendant of
   * the original node that the cursor was constructed with, where
   * zero represents the original node itself.
   */
  gotoDescendant(goalDescendantIndex) {
    marshalTreeCursor(this);
    C._ts_tree_cursor_goto_descendant_wasm(this.tree[0], goalDescendantIndex);
    unmarshalTreeCursor(this);
  }
  /**
   * Move this cursor to the first child of its current node that contains or
   * starts after the given byte offset.
   *
   * This returns `true` if the cursor successfully moved to a child node, and returns
   * `false` if no such child was found.
   */
  gotoFirstChildForIndex(goalIndex) {
    marshalTreeCursor(this);
    C.setValue(TRANSFER_BUFFER + SIZE_OF_CURSOR, goalIndex, "i32");
    const result = C._ts_tree_cursor_goto_first_child_for_index_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the first child of its current node that contains or
   * starts after the given byte offset.
   *
   * This returns the index of the child node if one was found, and returns
   * `null` if no such child was found.
   */
  gotoFirstChildForPosition(goalPosition) {
    marshalTreeCursor(this);
    marshalPoint(TRANSFER_BUFFER + SIZE_OF_CURSOR, goalPosition);
    const result = C._ts_tree_cursor_goto_first_child_for_position_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Re-initialize this tree cursor to start at the original node that the
   * cursor was constructed with.
   */
  reset(node) {
    marshalNode(node);
    marshalTreeCursor(this, TRANSFER_BUFFER + SIZE_OF_NODE);
    C._ts_tree_cursor_reset_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
  }
  /**
   * Re-initialize a tree cursor to the same position as another cursor.
   *
   * Unlike {@link TreeCursor#reset}, this will not lose parent
   * information and allows reusing already created cursors.
   */
  resetTo(cursor) {
    marshalTreeCursor(this, TRANSFER_BUFFER);
    marshalTreeCursor(cursor, TRANSFER_BUFFER + SIZE_OF_CURSOR);
    C._ts_tree_cursor_reset_to_wasm(this.tree[0], cursor.tree[0]);
    unmarshalTreeCursor(this);
  }
};
var Node = class {
  static {
    __name(this, "Node");
  }
  /** @internal */
  // @ts-expect-error: never read
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  _children;
  /** @internal */
  _namedChildren;
  /** @internal */
  constructor(internal, {
    id,
    tree,
    startIndex,
    startPosition,
    other
  }) {
    assertInternal(internal);
    this[0] = other;
    this.id = id;
    this.tree = tree;
    this.startIndex = startIndex;
    this.startPosition = startPosition;
  }
  /**
   * The numeric id for this node that is unique.
   *
   * Within a given syntax tree, no two nodes have the same id. However:
   *
   * * If a new tree is created based on an older tree, and a node from the old tree is reused in
   *   the process, then that node will have the same id in both trees.
   *
   * * A node not marked as having changes does not guarantee it was reused.
   *
   * * If a node is marked as having changed in the old tree, it will not be reused.
   */
  id;
  /** The byte index where this node starts. */
  startIndex;
  /** The position where this node starts. */
  startPosition;
  /** The tree that this node belongs to. */
  tree;
  /** Get this node's type as a numerical id. */
  get typeId() {
    marshalNode(this);
    return C._ts_node_symbol_wasm(this.tree[0]);
  }
  /**
   * Get the node's type as a numerical id as it appears in the grammar,
   * ignoring aliases.
   */
  get grammarId() {
    marshalNode(this);
    return C._ts_node_grammar_symbol_wasm(this.tree[0]);
  }
  /** Get this node's type as a string. */
  get type() {
    return this.tree.language.types[this.typeId] || "ERROR";
  }
  /**
   * Get this node's symbol name as it appears in the grammar, ignoring
   * aliases as a string.
   */
  get grammarType() {
    return this.tree.language.types[this.grammarId] || "ERROR";
  }
  /**
   * Check if this node is *named*.
   *
   * Named nodes correspond to named rules in the grammar, whereas
   * *anonymous* nodes correspond to string literals in the grammar.
   */
  get isNamed() {
    marshalNode(this);
    return C._ts_node_is_named_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node is *extra*.
   *
   * Extra nodes represent things like comments, which are not required
   * by the grammar, but can appear anywhere.
   */
  get isExtra() {
    marshalNode(this);
    return C._ts_node_is_extra_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node represents a syntax error.
   *
   * Syntax errors represent parts of the code that could not be incorporated
   * into a valid syntax tree.
   */
  get isError() {
    marshalNode(this);
    return C._ts_node_is_error_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node is *missing*.
   *
   * Missing nodes are inserted by the parser in order to recover from
   * certain kinds of syntax errors.
   */
  get isMissing() {
    marshalNode(this);
    return C._ts_node_is_missing_wasm(this.tree[0]) === 1;
  }
  /** Check if this node has been edited. */
  get hasChanges() {
    marshalNode(this);
    return C._ts_node_has_changes_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node represents a syntax error or contains any syntax
   * errors anywhere within it.
   */
  get hasError() {
    marshalNode(this);
    return C._ts_node_has_error_wasm(this.tree[0]) === 1;
  }
  /** Get the byte index where this node ends. */
  get endIndex() {
    marshalNode(this);
    return C._ts_node_end_index_wasm(this.tree[0]);
  }
  /** Get the position where this node ends. */
  get endPosition() {
    marshalNode(this);
    C._ts_node_end_point_wasm(this.tree[0]);
    return unmarshalPoint(TRANSFER_BUFFER);
  }
  /** Get the string content of this node. */
  get text() {
    return getText(this.tree, this.startIndex, this.endIndex, this.startPosition);
  }
  /** Get this node's parse state. */
  get parseState() {
    marshalNode(this);
    return C._ts_node_parse_state_wasm(this.tree[0]);
  }
  /** Get the parse state after this node. */
  get nextParseState() {
    marshalNode(this);
    return C._ts_node_next_parse_state_wasm(this.tree[0]);
  }
  /** Check if this node is equal to another node. */
  equals(other) {
    return this.tree === other.tree && this.id === other.id;
  }
  /**
   * Get the node's child at the given index, where zero represents the first child.
   *
   * This method is fairly fast, but its cost is technically log(n), so if
   * you might be iterating over a long list of children, you should use
   * {@link Node#children} instead.
   */
  child(index) {
    marshalNode(this);
    C._ts_node_child_wasm(this.tree[0], index);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's *named* child at the given index.
   *
   * See also {@link Node#isNamed}.
   * This method is fairly fast, but its cost is technically log(n), so if
   * you might be iterating over a long list of children, you should use
   * {@link Node#namedChildren} instead.
   */
  namedChild(index) {
    marshalNode(this);
    C._ts_node_named_child_wasm(this.tree[0], index);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's child with the given numerical field id.
   *
   * See also {@link Node#childForFieldName}. You can
   * convert a field name to an id using {@link Language#fieldIdForName}.
   */
  childForFieldId(fieldId) {
    marshalNode(this);
    C._ts_node_child_by_field_id_wasm(this.tree[0], fieldId);
    return unmarshalNode(this.tree);
  }
  /**
   * Get the first child with the given field name.
   *
   * If multiple children may have the same field name, access them using
   * {@link Node#childrenForFieldName}.
   */
  childForFieldName(fieldName) {
    const fieldId = this.tree.language.fields.indexOf(fieldName);
    if (fieldId !== -1) return this.childForFieldId(fieldId);
    return null;
  }
  /** Get the field name of this node's child at the given index. */
  fieldNameForChild(index) {
    marshalNode(this);
    const address = C._ts_node_field_name_for_child_wasm(this.tree[0], index);
    if (!address) return null;
    return C.AsciiToString(address);
  }
  /** Get the field name of this node's named child at the given index. */
  fieldNameForNamedChild(index) {
    marshalNode(this);
    const address = C._ts_node_field_name_for_named_child_wasm(this.tree[0], index);
    if (!address) return null;
    return C.AsciiToString(address);
  }
  /**
   * Get an array of this node's children with a given field name.
   *
   * See also {@link Node#children}.
   */
  childrenForFieldName(fieldName) {
    const fieldId = this.tree.language.fields.indexOf(fieldName);
    if (fieldId !== -1 && fieldId !== 0) return this.childrenForFieldId(fieldId);
    return [];
  }
  /**
    * Get an array of this node's children with a given field id.
    *
    * See also {@link Node#childrenForFieldName}.
    */
  childrenForFieldId(fieldId) {
    marshalNode(this);
    C._ts_node_children_by_field_id_wasm(this.tree[0], fieldId);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalNode(this.tree, address);
        address += SIZE_OF_NODE;
      }
      C._free(buffer);
    }
    return result;
  }
  /** Get the node's first child that contains or starts after the given byte offset. */
  firstChildForIndex(index) {
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, index, "i32");
    C._ts_node_first_child_for_byte_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the node's first named child that contains or starts after the given byte offset. */
  firstNamedChildForIndex(index) {
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, index, "i32");
    C._ts_node_first_named_child_for_byte_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get this node's number of children. */
  get childCount() {
    marshalNode(this);
    return C._ts_node_child_count_wasm(this.tree[0]);
  }
  /**
   * Get this node's number of *named* children.
   *
   * See also {@link Node#isNamed}.
   */
  get namedChildCount() {
    marshalNode(this);
    return C._ts_node_named_child_count_wasm(this.tree[0]);
  }
  /** Get this node's first child. */
  get firstChild() {
    return this.child(0);
  }
  /**
   * Get this node's first named child.
   *
   * See also {@link Node#isNamed}.
   */
  get firstNamedChild() {
    return this.namedChild(0);
  }
  /** Get this node's last child. */
  get lastChild() {
    return this.child(this.childCount - 1);
  }
  /**
   * Get this node's last named child.
   *
   * See also {@link Node#isNamed}.
   */
  get lastNamedChild() {
    return this.namedChild(this.namedChildCount - 1);
  }
  /**
   * Iterate over this node's children.
   *
   * If you're walking the tree recursively, you may want to use the
   * {@link TreeCursor} APIs directly instead.
   */
  get children() {
    if (!this._children) {
      marshalNode(this);
      C._ts_node_children_wasm(this.tree[0]);
      const count = C.getValue(TRANSFER_BUFFER, "i32");
      const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
      this._children = new Array(count);
      if (count > 0) {
        let address = buffer;
        for (let i2 = 0; i2 < count; i2++) {
          this._children[i2] = unmarshalNode(this.tree, address);
          address += SIZE_OF_NODE;
        }
        C._free(buffer);
      }
    }
    return this._children;
  }
  /**
   * Iterate over this node's named children.
   *
   * See also {@link Node#children}.
   */
  get namedChildren() {
    if (!this._namedChildren) {
      marshalNode(this);
      C._ts_node_named_children_wasm(this.tree[0]);
      const count = C.getValue(TRANSFER_BUFFER, "i32");
      const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
      this._namedChildren = new Array(count);
      if (count > 0) {
        let address = buffer;
        for (let i2 = 0; i2 < count; i2++) {
          this._namedChildren[i2] = unmarshalNode(this.tree, address);
          address += SIZE_OF_NODE;
        }
        C._free(buffer);
      }
    }
    return this._namedChildren;
  }
  /**
   * Get the descendants of this node that are the given type, or in the given types array.
   *
   * The types array should contain node type strings, which can be retrieved from {@link Language#types}.
   *
   * Additionally, a `startPosition` and `endPosition` can be passed in to restrict the search to a byte range.
   */
  descendantsOfType(types, startPosition = ZERO_POINT, endPosition = ZERO_POINT) {
    if (!Array.isArray(types)) types = [types];
    const symbols = [];
    const typesBySymbol = this.tree.language.types;
    for (const node_type of types) {
      if (node_type == "ERROR") {
        symbols.push(65535);
      }
    }
    for (let i2 = 0, n = typesBySymbol.length; i2 < n; i2++) {
      if (types.includes(typesBySymbol[i2])) {
        symbols.push(i2);
      }
    }
    const symbolsAddress = C._malloc(SIZE_OF_INT * symbols.length);
    for (let i2 = 0, n = symbols.length; i2 < n; i2++) {
      C.setValue(symbolsAddress + i2 * SIZE_OF_INT, symbols[i2], "i32");
    }
    marshalNode(this);
    C._ts_node_descendants_of_type_wasm(
      this.tree[0],
      symbolsAddress,
      symbols.length,
      startPosition.row,
      startPosition.column,
      endPosition.row,
      endPosition.column
    );
    const descendantCount = C.getValue(TRANSFER_BUFFER, "i32");
    const descendantAddress = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(descendantCount);
    if (descendantCount > 0) {
      let address = descendantAddress;
      for (let i2 = 0; i2 < descendantCount; i2++) {
        result[i2] = unmarshalNode(this.tree, address);
        address += SIZE_OF_NODE;
      }
    }
    C._free(descendantAddress);
    C._free(symbolsAddress);
    return result;
  }
  /** Get this node's next sibling. */
  get nextSibling() {
    marshalNode(this);
    C._ts_node_next_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get this node's previous sibling. */
  get previousSibling() {
    marshalNode(this);
    C._ts_node_prev_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's next *named* sibling.
   *
   * See also {@link Node#isNamed}.
   */
  get nextNamedSibling() {
    marshalNode(this);
    C._ts_node_next_named_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's previous *named* sibling.
   *
   * See also {@link Node#isNamed}.
   */
  get previousNamedSibling() {
    marshalNode(this);
    C._ts_node_prev_named_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the node's number of descendants, including one for the node itself. */
  get descendantCount() {
    marshalNode(this);
    return C._ts_node_descendant_count_wasm(this.tree[0]);
  }
  /**
   * Get this node's immediate parent.
   * Prefer {@link Node#childWithDescendant} for iterating over this node's ancestors.
   */
  get parent() {
    marshalNode(this);
    C._ts_node_parent_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get the node that contains `descendant`.
   *
   * Note that this can return `descendant` itself.
   */
  childWithDescendant(descendant) {
    marshalNode(this);
    marshalNode(descendant, 1);
    C._ts_node_child_with_descendant_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest node within this node that spans the given byte range. */
  descendantForIndex(start2, end = start2) {
    if (typeof start2 !== "number" || typeof end !== "number") {
      throw new Error("Arguments must be numbers");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, start2, "i32");
    C.setValue(address + SIZE_OF_INT, end, "i32");
    C._ts_node_descendant_for_index_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest named node within this node that spans the given byte range. */
  namedDescendantForIndex(start2, end = start2) {
    if (typeof start2 !== "number" || typeof end !== "number") {
      throw new Error("Arguments must be numbers");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, start2, "i32");
    C.setValue(address + SIZE_OF_INT, end, "i32");
    C._ts_node_named_descendant_for_index_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest node within this node that spans the given point range. */
  descendantForPosition(start2, end = start2) {
    if (!isPoint(start2) || !isPoint(end)) {
      throw new Error("Arguments must be {row, column} objects");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    marshalPoint(address, start2);
    marshalPoint(address + SIZE_OF_POINT, end);
    C._ts_node_descendant_for_position_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest named node within this node that spans the given point range. */
  namedDescendantForPosition(start2, end = start2) {
    if (!isPoint(start2) || !isPoint(end)) {
      throw new Error("Arguments must be {row, column} objects");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    marshalPoint(address, start2);
    marshalPoint(address + SIZE_OF_POINT, end);
    C._ts_node_named_descendant_for_position_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Create a new {@link TreeCursor} starting from this node.
   *
   * Note that the given node is considered the root of the cursor,
   * and the cursor cannot walk outside this node.
   */
  walk() {
    marshalNode(this);
    C._ts_tree_cursor_new_wasm(this.tree[0]);
    return new TreeCursor(INTERNAL, this.tree);
  }
  /**
   * Edit this node to keep it in-sync with source code that has been edited.
   *
   * This function is only rarely needed. When you edit a syntax tree with
   * the {@link Tree#edit} method, all of the nodes that you retrieve from
   * the tree afterward will already reflect the edit. You only need to
   * use {@link Node#edit} when you have a specific {@link Node} instance that
   * you want to keep and continue to use after an edit.
   */
  edit(edit) {
    if (this.startIndex >= edit.oldEndIndex) {
      this.startIndex = edit.newEndIndex + (this.startIndex - edit.oldEndIndex);
      let subbedPointRow;
      let subbedPointColumn;
      if (this.startPosition.row > edit.oldEndPosition.row) {
        subbedPointRow = this.startPosition.row - edit.oldEndPosition.row;
        subbedPointColumn = this.startPosition.column;
      } else {
        subbedPointRow = 0;
        subbedPointColumn = this.startPosition.column;
        if (this.startPosition.column >= edit.oldEndPosition.column) {
          subbedPointColumn = this.startPosition.column - edit.oldEndPosition.column;
        }
      }
      if (subbedPointRow > 0) {
        this.startPosition.row += subbedPointRow;
        this.startPosition.column = subbedPointColumn;
      } else {
        this.startPosition.column += subbedPointColumn;
      }
    } else if (this.startIndex > edit.startIndex) {
      this.startIndex = edit.newEndIndex;
      this.startPosition.row = edit.newEndPosition.row;
      this.startPosition.column = edit.newEndPosition.column;
    }
  }
  /** Get the S-expression representation of this node. */
  toString() {
    marshalNode(this);
    const address = C._ts_node_to_string_wasm(this.tree[0]);
    const result = C.AsciiToString(address);
    C._free(address);
    return result;
  }
};
function unmarshalCaptures(query, tree, address, patternIndex, result) {
  for (let i2 = 0, n = result.length; i2 < n; i2++) {
    const captureIndex = C.getValue(address, "i32");
    address += SIZE_OF_INT;
    const node = unmarshalNode(tree, address);
    address += SIZE_OF_NODE;
    result[i2] = { patternIndex, name: query.captureNames[captureIndex], node };
  }
  return address;
}
__name(unmarshalCaptures, "unmarshalCaptures");
function marshalNode(node, index = 0) {
  let address = TRANSFER_BUFFER + index * SIZE_OF_NODE;
  C.setValue(address, node.id, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node.startIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node.startPosition.row, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node.startPosition.column, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node[0], "i32");
}
__name(marshalNode, "marshalNode");
function unmarshalNode(tree, address = TRANSFER_BUFFER) {
  const id = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  if (id === 0) return null;
  const index = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  const row = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  const column = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  const other = C.getValue(address, "i32");
  const result = new Node(INTERNAL, {
    id,
    tree,
    startIndex: index,
    startPosition: { row, column },
    other
  });
  return result;
}
__name(unmarshalNode, "unmarshalNode");
function marshalTreeCursor(cursor, address = TRANSFER_BUFFER) {
  C.setValue(address + 0 * SIZE_OF_INT, cursor[0], "i32");
  C.setValue(address + 1 * SIZE_OF_INT, cursor[1], "i32");
  C.setValue(address + 2 * SIZE_OF_INT, cursor[2], "i32");
  C.setValue(address + 3 * SIZE_OF_INT, cursor[3], "i32");
}
__name(marshalTreeCursor, "marshalTreeCursor");
function unmarshalTreeCursor(cursor) {
  cursor[0] = C.getValue(TRANSFER_BUFFER + 0 * SIZE_OF_INT, "i32");
  cursor[1] = C.getValue(TRANSFER_BUFFER + 1 * SIZE_OF_INT, "i32");
  cursor[2] = C.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
  cursor[3] = C.getValue(TRANSFER_BUFFER + 3 * SIZE_OF_INT, "i32");
}
__name(unmarshalTreeCursor, "unmarshalTreeCursor");
function marshalPoint(address, point) {
  C.setValue(address, point.row, "i32");
  C.setValue(address + SIZE_OF_INT, point.column, "i32");
}
__name(marshalPoint, "marshalPoint");
function unmarshalPoint(address) {
  const result = {
    row: C.getValue(address, "i32") >>> 0,
    column: C.getValue(address + SIZE_OF_INT, "i32") >>> 0
  };
  return result;
}
__name(unmarshalPoint, "unmarshalPoint");
function marshalRange(address, range) {
  marshalPoint(address, range.startPosition);
  address += SIZE_OF_POINT;
  marshalPoint(address, range.endPosition);
  address += SIZE_OF_POINT;
  C.setValue(address, range.startIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, range.endIndex, "i32");
  address += SIZE_OF_INT;
}
__name(marshalRange, "marshalRange");
function unmarshalRange(address) {
  const result = {};
  result.startPosition = unmarshalPoint(address);
  address += SIZE_OF_POINT;
  result.endPosition = unmarshalPoint(address);
  address += SIZE_OF_POINT;
  result.startIndex = C.getValue(address, "i32") >>> 0;
  address += SIZE_OF_INT;
  result.endIndex = C.getValue(address, "i32") >>> 0;
  return result;
}
__name(unmarshalRange, "unmarshalRange");
function marshalEdit(edit, address = TRANSFER_BUFFER) {
  marshalPoint(address, edit.startPosition);
  address += SIZE_OF_POINT;
  marshalPoint(address, edit.oldEndPosition);
  address += SIZE_OF_POINT;
  marshalPoint(address, edit.newEndPosition);
  address += SIZE_OF_POINT;
  C.setValue(address, edit.startIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, edit.oldEndIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, edit.newEndIndex, "i32");
  address += SIZE_OF_INT;
}
__name(marshalEdit, "marshalEdit");
function unmarshalLanguageMetadata(address) {
  const major_version = C.getValue(address, "i32");
  const minor_version = C.getValue(address += SIZE_OF_INT, "i32");
  const patch_version = C.getValue(address += SIZE_OF_INT, "i32");
  return { major_version, minor_version, patch_version };
}
__name(unmarshalLanguageMetadata, "unmarshalLanguageMetadata");
var LANGUAGE_FUNCTION_REGEX = /^tree_sitter_\w+$/;
var Language = class _Language {
  static {
    __name(this, "Language");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /**
   * A list of all node types in the language. The index of each type in this
   * array is its node type id.
   */
  types;
  /**
   * A list of all field names in the language. The index of each field name in
   * this array is its field id.
   */
  fields;
  /** @internal */
  constructor(internal, address) {
    assertInternal(internal);
    this[0] = address;
    this.types = new Array(C._ts_language_symbol_count(this[0]));
    for (let i2 = 0, n = this.types.length; i2 < n; i2++) {
      if (C._ts_language_symbol_type(this[0], i2) < 2) {
        this.types[i2] = C.UTF8ToString(C._ts_language_symbol_name(this[0], i2));
      }
    }
    this.fields = new Array(C._ts_language_field_count(this[0]) + 1);
    for (let i2 = 0, n = this.fields.length; i2 < n; i2++) {
      const fieldName = C._ts_language_field_name_for_id(this[0], i2);
      if (fieldName !== 0) {
        this.fields[i2] = C.UTF8ToString(fieldName);
      } else {
        this.fields[i2] = null;
      }
    }
  }
  /**
   * Gets the name of the language.
   */
  get name() {
    const ptr = C._ts_language_name(this[0]);
    if (ptr === 0) return null;
    return C.UTF8ToString(ptr);
  }
  /**
   * Gets the ABI version of the language.
   */
  get abiVersion() {
    return C._ts_language_abi_version(this[0]);
  }
  /**
  * Get the metadata for this language. This information is generated by the
  * CLI, and relies on the language author providing the correct metadata in
  * the language's `tree-sitter.json` file.
  */
  get metadata() {
    C._ts_language_metadata_wasm(this[0]);
    const length = C.getValue(TRANSFER_BUFFER, "i32");
    if (length === 0) return null;
    return unmarshalLanguageMetadata(TRANSFER_BUFFER + SIZE_OF_INT);
  }
  /**
   * Gets the number of fields in the language.
   */
  get fieldCount() {
    return this.fields.length - 1;
  }
  /**
   * Gets the number of states in the language.
   */
  get stateCount() {
    return C._ts_language_state_count(this[0]);
  }
  /**
   * Get the field id for a field name.
   */
  fieldIdForName(fieldName) {
    const result = this.fields.indexOf(fieldName);
    return result !== -1 ? result : null;
  }
  /**
   * Get the field name for a field id.
   */
  fieldNameForId(fieldId) {
    return this.fields[fieldId] ?? null;
  }
  /**
   * Get the node type id for a node type name.
   */
  idForNodeType(type, named) {
    const typeLength = C.lengthBytesUTF8(type);
    const typeAddress = C._malloc(typeLength + 1);
    C.stringToUTF8(type, typeAddress, typeLength + 1);
    const result = C._ts_language_symbol_for_name(this[0], typeAddress, typeLength, named ? 1 : 0);
    C._free(typeAddress);
    return result || null;
  }
  /**
   * Gets the number of node types in the language.
   */
  get nodeTypeCount() {
    return C._ts_language_symbol_count(this[0]);
  }
  /**
   * Get the node type name for a node type id.
   */
  nodeTypeForId(typeId) {
    const name2 = C._ts_language_symbol_name(this[0], typeId);
    return name2 ? C.UTF8ToString(name2) : null;
  }
  /**
   * Check if a node type is named.
   *
   * @see {@link https://tree-sitter.github.io/tree-sitter/using-parsers/2-basic-parsing.html#named-vs-anonymous-nodes}
   */
  nodeTypeIsNamed(typeId) {
    return C._ts_language_type_is_named_wasm(this[0], typeId) ? true : false;
  }
  /**
   * Check if a node type is visible.
   */
  nodeTypeIsVisible(typeId) {
    return C._ts_language_type_is_visible_wasm(this[0], typeId) ? true : false;
  }
  /**
   * Get the supertypes ids of this language.
   *
   * @see {@link https://tree-sitter.github.io/tree-sitter/using-parsers/6-static-node-types.html?highlight=supertype#supertype-nodes}
   */
  get supertypes() {
    C._ts_language_supertypes_wasm(this[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = C.getValue(address, "i16");
        address += SIZE_OF_SHORT;
      }
    }
    return result;
  }
  /**
   * Get the subtype ids for a given supertype node id.
   */
  subtypes(supertype) {
    C._ts_language_subtypes_wasm(this[0], supertype);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = C.getValue(address, "i16");
        address += SIZE_OF_SHORT;
      }
    }
    return result;
  }
  /**
   * Get the next state id for a given state id and node type id.
   */
  nextState(stateId, typeId) {
    return C._ts_language_next_state(this[0], stateId, typeId);
  }
  /**
   * Create a new lookahead iterator for this language and parse state.
   *
   * This returns `null` if state is invalid for this language.
   *
   * Iterating {@link LookaheadIterator} will yield valid symbols in the given
   * parse state. A newly created iterator is not positioned on a symbol, so
   * {@link LookaheadIterator#currentType} returns `null` until the first
   * iteration step.
   *
   * Lookahead iterators can be useful for generating suggestions and improving
   * syntax error diagnostics. To get symbols valid in an `ERROR` node, use the
   * lookahead iterator on its first leaf node state. For `MISSING` nodes, a
   * lookahead iterator created on the previous non-extra leaf node may be
   * appropriate.
   */
  lookaheadIterator(stateId) {
    const address = C._ts_lookahead_iterator_new(this[0], stateId);
    if (address) return new LookaheadIterator(INTERNAL, address, this);
    return null;
  }
  /**
   * Load a language from a WebAssembly module.
   * The module can be provided as a path to a file, a `URL` to a file, or as a
   * buffer.
   */
  static async load(input) {
    let binary2;
    if (input instanceof Uint8Array) {
      binary2 = input;
    } else if (globalThis.process?.versions.node) {
      const fs2 = await import("fs/promises");
      binary2 = await fs2.readFile(input);
    } else {
      const response = await fetch(input);
      if (!response.ok) {
        const body2 = await response.text();
        throw new Error(`Language.load failed with status ${response.status}.

${body2}`);
      }
      const retryResp = response.clone();
      try {
        binary2 = await WebAssembly.compileStreaming(response);
      } catch (reason) {
        console.error("wasm streaming compile failed:", reason);
        console.error("falling back to ArrayBuffer instantiation");
        binary2 = new Uint8Array(await retryResp.arrayBuffer());
      }
    }
    const mod = await C.loadWebAssemblyModule(binary2, { loadAsync: true });
    return _Language.loadFromWasmExports(mod, { sync: false });
  }
  static loadFromWasmExports(mod, { sync }) {
    const symbolNames = Object.keys(mod);
    const functionName2 = symbolNames.find((key) => LANGUAGE_FUNCTION_REGEX.test(key) && !key.includes("external_scanner_"));
    if (!functionName2) {
      console.log(`Couldn't find language function in Wasm file. Symbols:
${JSON.stringify(symbolNames, null, 2)}`);
      throw new Error(`Language.${sync ? "loadSync" : "load"} failed: no language function found in Wasm file`);
    }
    const languageAddress = mod[functionName2]();
    return new _Language(INTERNAL, languageAddress);
  }
  /**
   * Load a language synchronously from a pre-compiled WebAssembly module.
   * Use this when the host environment provides a `WebAssembly.Module` directly.
   */
  static loadSync(wasmModule) {
    const mod = C.loadWebAssemblyModule(wasmModule, { loadAsync: false });
    return _Language.loadFromWasmExports(mod, { sync: true });
  }
};
async function Module2(moduleArg = {}) {
  var moduleRtn;
  var Module = moduleArg;
  var ENVIRONMENT_IS_WEB = typeof window == "object";
  var ENVIRONMENT_IS_WORKER = typeof WorkerGlobalScope != "undefined";
  var ENVIRONMENT_IS_NODE = typeof process == "object" && process.versions?.node && process.type != "renderer";
  if (ENVIRONMENT_IS_NODE) {
    const { createRequire: createRequire2 } = await import("module");
    var require = createRequire2(import.meta.url);
  }
  Module.currentQueryProgressCallback = null;
  Module.currentProgressCallback = null;
  Module.currentLogCallback = null;
  Module.currentParseCallback = null;
  var arguments_ = [];
  var thisProgram = "./this.program";
  var quit_ = /* @__PURE__ */ __name((status, toThrow) => {
    throw toThrow;
  }, "quit_");
  var _scriptName = import.meta.url;
  var scriptDirectory = "";
  function locateFile(path) {
    if (Module["locateFile"]) {
      return Module["locateFile"](path, scriptDirectory);
    }
    return scriptDirectory + path;
  }
  __name(locateFile, "locateFile");
  var readAsync, readBinary;
  if (ENVIRONMENT_IS_NODE) {
    var fs = require("fs");
    if (_scriptName.startsWith("file:")) {
      scriptDirectory = require("path").dirname(require("url").fileURLToPath(_scriptName)) + "/";
    }
    readBinary = /* @__PURE__ */ __name((filename) => {
      filename = isFileURI(filename) ? new URL(filename) : filename;
      var ret = fs.readFileSync(filename);
      return ret;
    }, "readBinary");
    readAsync = /* @__PURE__ */ __name(async (filename, binary2 = true) => {
      filename = isFileURI(filename) ? new URL(filename) : filename;
      var ret = fs.readFileSync(filename, binary2 ? void 0 : "utf8");
      return ret;
    }, "readAsync");
    if (process.argv.length > 1) {
      thisProgram = process.argv[1].replace(/\\/g, "/");
    }
    arguments_ = process.argv.slice(2);
    quit_ = /* @__PURE__ */ __name((status, toThrow) => {
      process.exitCode = status;
      throw toThrow;
    }, "quit_");
  } else if (ENVIRONMENT_IS_WEB || ENVIRONMENT_IS_WORKER) {
    try {
      scriptDirectory = new URL(".", _scriptName).href;
    } catch {
    }
    {
      if (ENVIRONMENT_IS_WORKER) {
        readBinary = /* @__PURE__ */ __name((url) => {
          var xhr = new XMLHttpRequest();
          xhr.open("GET", url, false);
          xhr.responseType = "arraybuffer";
          xhr.send(null);
          return new Uint8Array(
            /** @type{!ArrayBuffer} */
            xhr.response
          );
        }, "readBinary");
      }
      readAsync = /* @__PURE__ */ __name(async (url) => {
        if (isFileURI(url)) {
          return new Promise((resolve, reject) => {
            var xhr = new XMLHttpRequest();
            xhr.open("GET", url, true);
            xhr.responseType = "arraybuffer";
            xhr.onload = () => {
              if (xhr.status == 200 || xhr.status == 0 && xhr.response) {
                resolve(xhr.response);
                return;
              }
              reject(xhr.status);
            };
            xhr.onerror = reject;
            xhr.send(null);
          });
        }
        var response = await fetch(url, {
          credentials: "same-origin"
        });
        if (response.ok) {
          return response.arrayBuffer();
        }
        throw new Error(response.status + " : " + response.url);
      }, "readAsync");
    }
  } else {
  }
  var out = console.log.bind(console);
  var err = console.error.bind(console);
  var dynamicLibraries = [];
  var wasmBinary;
  var ABORT = false;
  var EXITSTATUS;
  var isFileURI = /* @__PURE__ */ __name((filename) => filename.startsWith("file://"), "isFileURI");
  var readyPromiseResolve, readyPromiseReject;
  var wasmMemory;
  var HEAP8, HEAPU8, HEAP16, HEAPU16, HEAP32, HEAPU32, HEAPF32, HEAPF64;
  var HEAP64, HEAPU64;
  var HEAP_DATA_VIEW;
  var runtimeInitialized = false;
  function updateMemoryViews() {
    var b = wasmMemory.buffer;
    Module["HEAP8"] = HEAP8 = new Int8Array(b);
    Module["HEAP16"] = HEAP16 = new Int16Array(b);
    Module["HEAPU8"] = HEAPU8 = new Uint8Array(b);
    Module["HEAPU16"] = HEAPU16 = new Uint16Array(b);
    Module["HEAP32"] = HEAP32 = new Int32Array(b);
    Module["HEAPU32"] = HEAPU32 = new Uint32Array(b);
    Module["HEAPF32"] = HEAPF32 = new Float32Array(b);
    Module["HEAPF64"] = HEAPF64 = new Float64Array(b);
    Module["HEAP64"] = HEAP64 = new BigInt64Array(b);
    Module["HEAPU64"] = HEAPU64 = new BigUint64Array(b);
    Module["HEAP_DATA_VIEW"] = HEAP_DATA_VIEW = new DataView(b);
    LE_HEAP_UPDATE();
  }
  __name(updateMemoryViews, "updateMemoryViews");
  function initMemory() {
    if (Module["wasmMemory"]) {
      wasmMemory = Module["wasmMemory"];
    } else {
      var INITIAL_MEMORY = Module["INITIAL_MEMORY"] || 33554432;
      wasmMemory = new WebAssembly.Memory({
        "initial": INITIAL_MEMORY / 65536,
        // In theory we should not need to emit the maximum if we want "unlimited"
        // or 4GB of memory, but VMs error on that atm, see
        // https://github.com/emscripten-core/emscripten/issues/14130
        // And in the pthreads case we definitely need to emit a maximum. So
        // always emit one.
        "maximum": 32768
      });
    }
    updateMemoryViews();
  }
  __name(initMemory, "initMemory");
  var __RELOC_FUNCS__ = [];
  function preRun() {
    if (Module["preRun"]) {
      if (typeof Module["preRun"] == "function") Module["preRun"] = [Module["preRun"]];
      while (Module["preRun"].length) {
        addOnPreRun(Module["preRun"].shift());
      }
    }
    callRuntimeCallbacks(onPreRuns);
  }
  __name(preRun, "preRun");
  function initRuntime() {
    runtimeInitialized = true;
    callRuntimeCallbacks(__RELOC_FUNCS__);
    wasmExports["__wasm_call_ctors"]();
    callRuntimeCallbacks(onPostCtors);
  }
  __name(initRuntime, "initRuntime");
  function preMain() {
  }
  __name(preMain, "preMain");
  function postRun() {
    if (Module["postRun"]) {
      if (typeof Module["postRun"] == "function") Module["postRun"] = [Module["postRun"]];
      while (Module["postRun"].length) {
        addOnPostRun(Module["postRun"].shift());
      }
    }
    callRuntimeCallbacks(onPostRuns);
  }
  __name(postRun, "postRun");
  function abort(what) {
    Module["onAbort"]?.(what);
    what = "Aborted(" + what + ")";
    err(what);
    ABORT = true;
    what += ". Build with -sASSERTIONS for more info.";
    var e = new WebAssembly.RuntimeError(what);
    readyPromiseReject?.(e);
    throw e;
  }
  __name(abort, "abort");
  var wasmBinaryFile;
  function findWasmBinary() {
    if (Module["locateFile"]) {
      return locateFile("web-tree-sitter.wasm");
    }
    return new URL("web-tree-sitter.wasm", import.meta.url).href;
  }
  __name(findWasmBinary, "findWasmBinary");
  function getBinarySync(file) {
    if (file == wasmBinaryFile && wasmBinary) {
      return new Uint8Array(wasmBinary);
    }
    if (readBinary) {
      return readBinary(file);
    }
    throw "both async and sync fetching of the wasm failed";
  }
  __name(getBinarySync, "getBinarySync");
  async function getWasmBinary(binaryFile) {
    if (!wasmBinary) {
      try {
        var response = await readAsync(binaryFile);
        return new Uint8Array(response);
      } catch {
      }
    }
    return getBinarySync(binaryFile);
  }
  __name(getWasmBinary, "getWasmBinary");
  async function instantiateArrayBuffer(binaryFile, imports) {
    try {
      var binary2 = await getWasmBinary(binaryFile);
      var instance2 = await WebAssembly.instantiate(binary2, imports);
      return instance2;
    } catch (reason) {
      err(`failed to asynchronously prepare wasm: ${reason}`);
      abort(reason);
    }
  }
  __name(instantiateArrayBuffer, "instantiateArrayBuffer");
  async function instantiateAsync(binary2, binaryFile, imports) {
    if (!binary2 && !isFileURI(binaryFile) && !ENVIRONMENT_IS_NODE) {
      try {
        var response = fetch(binaryFile, {
          credentials: "same-origin"
        });
        var instantiationResult = await WebAssembly.instantiateStreaming(response, imports);
        return instantiationResult;
      } catch (reason) {
        err(`wasm streaming compile failed: ${reason}`);
        err("falling back to ArrayBuffer instantiation");
      }
    }
    return instantiateArrayBuffer(binaryFile, imports);
  }
  __name(instantiateAsync, "instantiateAsync");
  function getWasmImports() {
    return {
      "env": wasmImports,
      "wasi_snapshot_preview1": wasmImports,
      "GOT.mem": new Proxy(wasmImports, GOTHandler),
      "GOT.func": new Proxy(wasmImports, GOTHandler)
    };
  }
  __name(getWasmImports, "getWasmImports");
  async function createWasm() {
    function receiveInstance(instance2, module2) {
      wasmExports = instance2.exports;
      wasmExports = relocateExports(wasmExports, 1024);
      var metadata2 = getDylinkMetadata(module2);
      if (metadata2.neededDynlibs) {
        dynamicLibraries = metadata2.neededDynlibs.concat(dynamicLibraries);
      }
      mergeLibSymbols(wasmExports, "main");
      LDSO.init();
      loadDylibs();
      __RELOC_FUNCS__.push(wasmExports["__wasm_apply_data_relocs"]);
      assignWasmExports(wasmExports);
      return wasmExports;
    }
    __name(receiveInstance, "receiveInstance");
    function receiveInstantiationResult(result2) {
      return receiveInstance(result2["instance"], result2["module"]);
    }
    __name(receiveInstantiationResult, "receiveInstantiationResult");
    var info2 = getWasmImports();
    if (Module["instantiateWasm"]) {
      return new Promise((resolve, reject) => {
        Module["instantiateWasm"](info2, (mod, inst) => {
          resolve(receiveInstance(mod, inst));
        });
      });
    }
    wasmBinaryFile ??= findWasmBinary();
    var result = await instantiateAsync(wasmBinary, wasmBinaryFile, info2);
    var exports = receiveInstantiationResult(result);
    return exports;
  }
  __name(createWasm, "createWasm");
  class ExitStatus {
    static {
      __name(this, "ExitStatus");
    }
    name = "ExitStatus";
    constructor(status) {
      this.message = `Program terminated with exit(${status})`;
      this.status = status;
    }
  }
  var GOT = {};
  var currentModuleWeakSymbols = /* @__PURE__ */ new Set([]);
  var GOTHandler = {
    get(obj, symName) {
      var rtn = GOT[symName];
      if (!rtn) {
        rtn = GOT[symName] = new WebAssembly.Global({
          "value": "i32",
          "mutable": true
        });
      }
      if (!currentModuleWeakSymbols.has(symName)) {
        rtn.required = true;
      }
      return rtn;
    }
  };
  var LE_ATOMICS_NATIVE_BYTE_ORDER = [];
  var LE_HEAP_LOAD_F32 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getFloat32(byteOffset, true), "LE_HEAP_LOAD_F32");
  var LE_HEAP_LOAD_F64 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getFloat64(byteOffset, true), "LE_HEAP_LOAD_F64");
  var LE_HEAP_LOAD_I16 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getInt16(byteOffset, true), "LE_HEAP_LOAD_I16");
  var LE_HEAP_LOAD_I32 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getInt32(byteOffset, true), "LE_HEAP_LOAD_I32");
  var LE_HEAP_LOAD_I64 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getBigInt64(byteOffset, true), "LE_HEAP_LOAD_I64");
  var LE_HEAP_LOAD_U32 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getUint32(byteOffset, true), "LE_HEAP_LOAD_U32");
  var LE_HEAP_STORE_F32 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setFloat32(byteOffset, value, true), "LE_HEAP_STORE_F32");
  var LE_HEAP_STORE_F64 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setFloat64(byteOffset, value, true), "LE_HEAP_STORE_F64");
  var LE_HEAP_STORE_I16 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setInt16(byteOffset, value, true), "LE_HEAP_STORE_I16");
  var LE_HEAP_STORE_I32 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setInt32(byteOffset, value, true), "LE_HEAP_STORE_I32");
  var LE_HEAP_STORE_I64 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setBigInt64(byteOffset, value, true), "LE_HEAP_STORE_I64");
  var LE_HEAP_STORE_U32 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setUint32(byteOffset, value, true), "LE_HEAP_STORE_U32");
  var callRuntimeCallbacks = /* @__PURE__ */ __name((callbacks) => {
    while (callbacks.length > 0) {
      callbacks.shift()(Module);
    }
  }, "callRuntimeCallbacks");
  var onPostRuns = [];
  var addOnPostRun = /* @__PURE__ */ __name((cb) => onPostRuns.push(cb), "addOnPostRun");
  var onPreRuns = [];
  var addOnPreRun = /* @__PURE__ */ __name((cb) => onPreRuns.push(cb), "addOnPreRun");
  var UTF8Decoder = typeof TextDecoder != "undefined" ? new TextDecoder() : void 0;
  var findStringEnd = /* @__PURE__ */ __name((heapOrArray, idx, maxBytesToRead, ignoreNul) => {
    var maxIdx = idx + maxBytesToRead;
    if (ignoreNul) return maxIdx;
    while (heapOrArray[idx] && !(idx >= maxIdx)) ++idx;
    return idx;
  }, "findStringEnd");
  var UTF8ArrayToString = /* @__PURE__ */ __name((heapOrArray, idx = 0, maxBytesToRead, ignoreNul) => {
    var endPtr = findStringEnd(heapOrArray, idx, maxBytesToRead, ignoreNul);
    if (endPtr - idx > 16 && heapOrArray.buffer && UTF8Decoder) {
      return UTF8Decoder.decode(heapOrArray.subarray(idx, endPtr));
    }
    var str = "";
    while (idx < endPtr) {
      var u0 = heapOrArray[idx++];
      if (!(u0 & 128)) {
        str += String.fromCharCode(u0);
        continue;
      }
      var u1 = heapOrArray[idx++] & 63;
      if ((u0 & 224) == 192) {
        str += String.fromCharCode((u0 & 31) << 6 | u1);
        continue;
      }
      var u2 = heapOrArray[idx++] & 63;
      if ((u0 & 240) == 224) {
        u0 = (u0 & 15) << 12 | u1 << 6 | u2;
      } else {
        u0 = (u0 & 7) << 18 | u1 << 12 | u2 << 6 | heapOrArray[idx++] & 63;
      }
      if (u0 < 65536) {
        str += String.fromCharCode(u0);
      } else {
        var ch = u0 - 65536;
        str += String.fromCharCode(55296 | ch >> 10, 56320 | ch & 1023);
      }
    }
    return str;
  }, "UTF8ArrayToString");
  var getDylinkMetadata = /* @__PURE__ */ __name((binary2) => {
    var offset = 0;
    var end = 0;
    function getU8() {
      return binary2[offset++];
    }
    __name(getU8, "getU8");
    function getLEB() {
      var ret = 0;
      var mul = 1;
      while (1) {
        var byte = binary2[offset++];
        ret += (byte & 127) * mul;
        mul *= 128;
        if (!(byte & 128)) break;
      }
      return ret;
    }
    __name(getLEB, "getLEB");
    function getString() {
      var len = getLEB();
      offset += len;
      return UTF8ArrayToString(binary2, offset - len, len);
    }
    __name(getString, "getString");
    function getStringList() {
      var count2 = getLEB();
      var rtn = [];
      while (count2--) rtn.push(getString());
      return rtn;
    }
    __name(getStringList, "getStringList");
    function failIf(condition, message4) {
      if (condition) throw new Error(message4);
    }
    __name(failIf, "failIf");
    if (binary2 instanceof WebAssembly.Module) {
      var dylinkSection = WebAssembly.Module.customSections(binary2, "dylink.0");
      failIf(dylinkSection.length === 0, "need dylink section");
      binary2 = new Uint8Array(dylinkSection[0]);
      end = binary2.length;
    } else {
      var int32View = new Uint32Array(new Uint8Array(binary2.subarray(0, 24)).buffer);
      var magicNumberFound = int32View[0] == 1836278016 || int32View[0] == 6386541;
      failIf(!magicNumberFound, "need to see wasm magic number");
      failIf(binary2[8] !== 0, "need the dylink section to be first");
      offset = 9;
      var section_size = getLEB();
      end = offset + section_size;
      var name2 = getString();
      failIf(name2 !== "dylink.0");
    }
    var customSection = {
      neededDynlibs: [],
      tlsExports: /* @__PURE__ */ new Set(),
      weakImports: /* @__PURE__ */ new Set(),
      runtimePaths: []
    };
    var WASM_DYLINK_MEM_INFO = 1;
    var WASM_DYLINK_NEEDED = 2;
    var WASM_DYLINK_EXPORT_INFO = 3;
    var WASM_DYLINK_IMPORT_INFO = 4;
    var WASM_DYLINK_RUNTIME_PATH = 5;
    var WASM_SYMBOL_TLS = 256;
    var WASM_SYMBOL_BINDING_MASK = 3;
    var WASM_SYMBOL_BINDING_WEAK = 1;
    while (offset < end) {
      var subsectionType = getU8();
      var subsectionSize = getLEB();
      if (subsectionType === WASM_DYLINK_MEM_INFO) {
        customSection.memorySize = getLEB();
        customSection.memoryAlign = getLEB();
        customSection.tableSize = getLEB();
        customSection.tableAlign = getLEB();
      } else if (subsectionType === WASM_DYLINK_NEEDED) {
        customSection.neededDynlibs = getStringList();
      } else if (subsectionType === WASM_DYLINK_EXPORT_INFO) {
        var count = getLEB();
        while (count--) {
          var symname = getString();
          var flags2 = getLEB();
          if (flags2 & WASM_SYMBOL_TLS) {
            customSection.tlsExports.add(symname);
          }
        }
      } else if (subsectionType === WASM_DYLINK_IMPORT_INFO) {
        var count = getLEB();
        while (count--) {
          var modname = getString();
          var symname = getString();
          var flags2 = getLEB();
          if ((flags2 & WASM_SYMBOL_BINDING_MASK) == WASM_SYMBOL_BINDING_WEAK) {
            customSection.weakImports.add(symname);
          }
        }
      } else if (subsectionType === WASM_DYLINK_RUNTIME_PATH) {
        customSection.runtimePaths = getStringList();
      } else {
        offset += subsectionSize;
      }
    }
    return customSection;
  }, "getDylinkMetadata");
  function getValue(ptr, type = "i8") {
    if (type.endsWith("*")) type = "*";
    switch (type) {
      case "i1":
        return HEAP8[ptr];
      case "i8":
        return HEAP8[ptr];
      case "i16":
        return LE_HEAP_LOAD_I16((ptr >> 1) * 2);
      case "i32":
        return LE_HEAP_LOAD_I32((ptr >> 2) * 4);
      case "i64":
        return LE_HEAP_LOAD_I64((ptr >> 3) * 8);
      case "float":
        return LE_HEAP_LOAD_F32((ptr >> 2) * 4);
      case "double":
        return LE_HEAP_LOAD_F64((ptr >> 3) * 8);
      case "*":
        return LE_HEAP_LOAD_U32((ptr >> 2) * 4);
      default:
        abort(`invalid type for getValue: ${type}`);
    }
  }
  __name(getValue, "getValue");
  var newDSO = /* @__PURE__ */ __name((name2, handle2, syms) => {
    var dso = {
      refcount: Infinity,
      name: name2,
      exports: syms,
      global: true
    };
    LDSO.loadedLibsByName[name2] = dso;
    if (handle2 != void 0) {
      LDSO.loadedLibsByHandle[handle2] = dso;
    }
    return dso;
  }, "newDSO");
  var LDSO = {
    loadedLibsByName: {},
    loadedLibsByHandle: {},
    init() {
      newDSO("__main__", 0, wasmImports);
    }
  };
  var ___heap_base = 82240;
  var alignMemory = /* @__PURE__ */ __name((size, alignment) => Math.ceil(size / alignment) * alignment, "alignMemory");
  var getMemory = /* @__PURE__ */ __name((size) => {
    if (runtimeInitialized) {
      return _calloc(size, 1);
    }
    var ret = ___heap_base;
    var end = ret + alignMemory(size, 16);
    ___heap_base = end;
    GOT["__heap_base"].value = end;
    return ret;
  }, "getMemory");
  var isInternalSym = /* @__PURE__ */ __name((symName) => ["__cpp_exception", "__c_longjmp", "__wasm_apply_data_relocs", "__dso_handle", "__tls_size", "__tls_align", "__set_stack_limits", "_emscripten_tls_init", "__wasm_init_tls", "__wasm_call_ctors", "__start_em_asm", "__stop_em_asm", "__start_em_js", "__stop_em_js"].includes(symName) || symName.startsWith("__em_js__"), "isInternalSym");
  var uleb128EncodeWithLen = /* @__PURE__ */ __name((arr) => {
    const n = arr.length;
    return [n % 128 | 128, n >> 7, ...arr];
  }, "uleb128EncodeWithLen");
  var wasmTypeCodes = {
    "i": 127,
    // i32
    "p": 127,
    // i32
    "j": 126,
    // i64
    "f": 125,
    // f32
    "d": 124,
    // f64
    "e": 111
  };
  var generateTypePack = /* @__PURE__ */ __name((types) => uleb128EncodeWithLen(Array.from(types, (type) => {
    var code = wasmTypeCodes[type];
    return code;
  })), "generateTypePack");
  var convertJsFunctionToWasm = /* @__PURE__ */ __name((func2, sig) => {
    var bytes = Uint8Array.of(
      0,
      97,
      115,
      109,
      // magic ("\0asm")
      1,
      0,
      0,
      0,
      // version: 1
      1,
      ...uleb128EncodeWithLen([
        1,
        // count: 1
        96,
        // param types
        ...generateTypePack(sig.slice(1)),
        // return types (for now only supporting [] if `void` and single [T] otherwise)
        ...generateTypePack(sig[0] === "v" ? "" : sig[0])
      ]),
      // The rest of the module is static
      2,
      7,
      // import section
      // (import "e" "f" (func 0 (type 0)))
      1,
      1,
      101,
      1,
      102,
      0,
      0,
      7,
      5,
      // export section
      // (export "f" (func 0 (type 0)))
      1,
      1,
      102,
      0,
      0
    );
    var module2 = new WebAssembly.Module(bytes);
    var instance2 = new WebAssembly.Instance(module2, {
      "e": {
        "f": func2
      }
    });
    var wrappedFunc = instance2.exports["f"];
    return wrappedFunc;
  }, "convertJsFunctionToWasm");
  var wasmTableMirror = [];
  var wasmTable = new WebAssembly.Table({
    "initial": 31,
    "element": "anyfunc"
  });
  var getWasmTableEntry = /* @__PURE__ */ __name((funcPtr) => {
    var func2 = wasmTableMirror[funcPtr];
    if (!func2) {
      wasmTableMirror[funcPtr] = func2 = wasmTable.get(funcPtr);
    }
    return func2;
  }, "getWasmTableEntry");
  var updateTableMap = /* @__PURE__ */ __name((offset, count) => {
    if (functionsInTableMap) {
      for (var i2 = offset; i2 < offset + count; i2++) {
        var item = getWasmTableEntry(i2);
        if (item) {
          functionsInTableMap.set(item, i2);
        }
      }
    }
  }, "updateTableMap");
  var functionsInTableMap;
  var getFunctionAddress = /* @__PURE__ */ __name((func2) => {
    if (!functionsInTableMap) {
      functionsInTableMap = /* @__PURE__ */ new WeakMap();
      updateTableMap(0, wasmTable.length);
    }
    return functionsInTableMap.get(func2) || 0;
  }, "getFunctionAddress");
  var freeTableIndexes = [];
  var getEmptyTableSlot = /* @__PURE__ */ __name(() => {
    if (freeTableIndexes.length) {
      return freeTableIndexes.pop();
    }
    return wasmTable["grow"](1);
  }, "getEmptyTableSlot");
  var setWasmTableEntry = /* @__PURE__ */ __name((idx, func2) => {
    wasmTable.set(idx, func2);
    wasmTableMirror[idx] = wasmTable.get(idx);
  }, "setWasmTableEntry");
  var addFunction = /* @__PURE__ */ __name((func2, sig) => {
    var rtn = getFunctionAddress(func2);
    if (rtn) {
      return rtn;
    }
    var ret = getEmptyTableSlot();
    try {
      setWasmTableEntry(ret, func2);
    } catch (err2) {
      if (!(err2 instanceof TypeError)) {
        throw err2;
      }
      var wrapped = convertJsFunctionToWasm(func2, sig);
      setWasmTableEntry(ret, wrapped);
    }
    functionsInTableMap.set(func2, ret);
    return ret;
  }, "addFunction");
  var updateGOT = /* @__PURE__ */ __name((exports, replace) => {
    for (var symName in exports) {
      if (isInternalSym(symName)) {
        continue;
      }
      var value = exports[symName];
      GOT[symName] ||= new WebAssembly.Global({
        "value": "i32",
        "mutable": true
      });
      if (replace || GOT[symName].value == 0) {
        if (typeof value == "function") {
          GOT[symName].value = addFunction(value);
        } else if (typeof value == "number") {
          GOT[symName].value = value;
        } else {
          err(`unhandled export type for '${symName}': ${typeof value}`);
        }
      }
    }
  }, "updateGOT");
  var relocateExports = /* @__PURE__ */ __name((exports, memoryBase2, replace) => {
    var relocated = {};
    for (var e in exports) {
      var value = exports[e];
      if (typeof value == "object") {
        value = value.value;
      }
      if (typeof value == "number") {
        value += memoryBase2;
      }
      relocated[e] = value;
    }
    updateGOT(relocated, replace);
    return relocated;
  }, "relocateExports");
  var isSymbolDefined = /* @__PURE__ */ __name((symName) => {
    var existing = wasmImports[symName];
    if (!existing || existing.stub) {
      return false;
    }
    return true;
  }, "isSymbolDefined");
  var dynCall = /* @__PURE__ */ __name((sig, ptr, args2 = [], promising = false) => {
    var func2 = getWasmTableEntry(ptr);
    var rtn = func2(...args2);
    function convert(rtn2) {
      return rtn2;
    }
    __name(convert, "convert");
    return convert(rtn);
  }, "dynCall");
  var stackSave = /* @__PURE__ */ __name(() => _emscripten_stack_get_current(), "stackSave");
  var stackRestore = /* @__PURE__ */ __name((val) => __emscripten_stack_restore(val), "stackRestore");
  var createInvokeFunction = /* @__PURE__ */ __name((sig) => (ptr, ...args2) => {
    var sp = stackSave();
    try {
      return dynCall(sig, ptr, args2);
    } catch (e) {
      stackRestore(sp);
      if (e !== e + 0) throw e;
      _setThrew(1, 0);
      if (sig[0] == "j") return 0n;
    }
  }, "createInvokeFunction");
  var resolveGlobalSymbol = /* @__PURE__ */ __name((symName, direct = false) => {
    var sym;
    if (isSymbolDefined(symName)) {
      sym = wasmImports[symName];
    } else if (symName.startsWith("invoke_")) {
      sym = wasmImports[symName] = createInvokeFunction(symName.split("_")[1]);
    }
    return {
      sym,
      name: symName
    };
  }, "resolveGlobalSymbol");
  var onPostCtors = [];
  var addOnPostCtor = /* @__PURE__ */ __name((cb) => onPostCtors.push(cb), "addOnPostCtor");
  var UTF8ToString = /* @__PURE__ */ __name((ptr, maxBytesToRead, ignoreNul) => ptr ? UTF8ArrayToString(HEAPU8, ptr, maxBytesToRead, ignoreNul) : "", "UTF8ToString");
  var loadWebAssemblyModule = /* @__PURE__ */ __name((binary, flags, libName, localScope, handle) => {
    var metadata = getDylinkMetadata(binary);
    function loadModule() {
      var memAlign = Math.pow(2, metadata.memoryAlign);
      var memoryBase = metadata.memorySize ? alignMemory(getMemory(metadata.memorySize + memAlign), memAlign) : 0;
      var tableBase = metadata.tableSize ? wasmTable.length : 0;
      if (handle) {
        HEAP8[handle + 8] = 1;
        LE_HEAP_STORE_U32((handle + 12 >> 2) * 4, memoryBase);
        LE_HEAP_STORE_I32((handle + 16 >> 2) * 4, metadata.memorySize);
        LE_HEAP_STORE_U32((handle + 20 >> 2) * 4, tableBase);
        LE_HEAP_STORE_I32((handle + 24 >> 2) * 4, metadata.tableSize);
      }
      if (metadata.tableSize) {
        wasmTable.grow(metadata.tableSize);
      }
      var moduleExports;
      function resolveSymbol(sym) {
        var resolved = resolveGlobalSymbol(sym).sym;
        if (!resolved && localScope) {
          resolved = localScope[sym];
        }
        if (!resolved) {
          resolved = moduleExports[sym];
        }
        return resolved;
      }
      __name(resolveSymbol, "resolveSymbol");
      var proxyHandler = {
        get(stubs, prop) {
          switch (prop) {
            case "__memory_base":
              return memoryBase;
            case "__table_base":
              return tableBase;
          }
          if (prop in wasmImports && !wasmImports[prop].stub) {
            var res = wasmImports[prop];
            return res;
          }
          if (!(prop in stubs)) {
            var resolved;
            stubs[prop] = (...args2) => {
              resolved ||= resolveSymbol(prop);
              return resolved(...args2);
            };
          }
          return stubs[prop];
        }
      };
      var proxy = new Proxy({}, proxyHandler);
      currentModuleWeakSymbols = metadata.weakImports;
      var info = {
        "GOT.mem": new Proxy({}, GOTHandler),
        "GOT.func": new Proxy({}, GOTHandler),
        "env": proxy,
        "wasi_snapshot_preview1": proxy
      };
      function postInstantiation(module, instance) {
        updateTableMap(tableBase, metadata.tableSize);
        moduleExports = relocateExports(instance.exports, memoryBase);
        if (!flags.allowUndefined) {
          reportUndefinedSymbols();
        }
        function addEmAsm(addr, body) {
          var args = [];
          var arity = 0;
          for (; arity < 16; arity++) {
            if (body.indexOf("$" + arity) != -1) {
              args.push("$" + arity);
            } else {
              break;
            }
          }
          args = args.join(",");
          var func = `(${args}) => { ${body} };`;
          ASM_CONSTS[start] = eval(func);
        }
        __name(addEmAsm, "addEmAsm");
        if ("__start_em_asm" in moduleExports) {
          var start = moduleExports["__start_em_asm"];
          var stop = moduleExports["__stop_em_asm"];
          while (start < stop) {
            var jsString = UTF8ToString(start);
            addEmAsm(start, jsString);
            start = HEAPU8.indexOf(0, start) + 1;
          }
        }
        function addEmJs(name, cSig, body) {
          var jsArgs = [];
          cSig = cSig.slice(1, -1);
          if (cSig != "void") {
            cSig = cSig.split(",");
            for (var i in cSig) {
              var jsArg = cSig[i].split(" ").pop();
              jsArgs.push(jsArg.replace("*", ""));
            }
          }
          var func = `(${jsArgs}) => ${body};`;
          moduleExports[name] = eval(func);
        }
        __name(addEmJs, "addEmJs");
        for (var name in moduleExports) {
          if (name.startsWith("__em_js__")) {
            var start = moduleExports[name];
            var jsString = UTF8ToString(start);
            var parts = jsString.split("<::>");
            addEmJs(name.replace("__em_js__", ""), parts[0], parts[1]);
            delete moduleExports[name];
          }
        }
        var applyRelocs = moduleExports["__wasm_apply_data_relocs"];
        if (applyRelocs) {
          if (runtimeInitialized) {
            applyRelocs();
          } else {
            __RELOC_FUNCS__.push(applyRelocs);
          }
        }
        var init = moduleExports["__wasm_call_ctors"];
        if (init) {
          if (runtimeInitialized) {
            init();
          } else {
            addOnPostCtor(init);
          }
        }
        return moduleExports;
      }
      __name(postInstantiation, "postInstantiation");
      if (flags.loadAsync) {
        return (async () => {
          var instance2;
          if (binary instanceof WebAssembly.Module) {
            instance2 = new WebAssembly.Instance(binary, info);
          } else {
            ({ module: binary, instance: instance2 } = await WebAssembly.instantiate(binary, info));
          }
          return postInstantiation(binary, instance2);
        })();
      }
      var module = binary instanceof WebAssembly.Module ? binary : new WebAssembly.Module(binary);
      var instance = new WebAssembly.Instance(module, info);
      return postInstantiation(module, instance);
    }
    __name(loadModule, "loadModule");
    flags = {
      ...flags,
      rpath: {
        parentLibPath: libName,
        paths: metadata.runtimePaths
      }
    };
    if (flags.loadAsync) {
      return metadata.neededDynlibs.reduce((chain, dynNeeded) => chain.then(() => loadDynamicLibrary(dynNeeded, flags, localScope)), Promise.resolve()).then(loadModule);
    }
    metadata.neededDynlibs.forEach((needed) => loadDynamicLibrary(needed, flags, localScope));
    return loadModule();
  }, "loadWebAssemblyModule");
  var mergeLibSymbols = /* @__PURE__ */ __name((exports, libName2) => {
    for (var [sym, exp] of Object.entries(exports)) {
      const setImport = /* @__PURE__ */ __name((target) => {
        if (!isSymbolDefined(target)) {
          wasmImports[target] = exp;
        }
      }, "setImport");
      setImport(sym);
      const main_alias = "__main_argc_argv";
      if (sym == "main") {
        setImport(main_alias);
      }
      if (sym == main_alias) {
        setImport("main");
      }
    }
  }, "mergeLibSymbols");
  var asyncLoad = /* @__PURE__ */ __name(async (url) => {
    var arrayBuffer = await readAsync(url);
    return new Uint8Array(arrayBuffer);
  }, "asyncLoad");
  function loadDynamicLibrary(libName2, flags2 = {
    global: true,
    nodelete: true
  }, localScope2, handle2) {
    var dso = LDSO.loadedLibsByName[libName2];
    if (dso) {
      if (!flags2.global) {
        if (localScope2) {
          Object.assign(localScope2, dso.exports);
        }
      } else if (!dso.global) {
        dso.global = true;
        mergeLibSymbols(dso.exports, libName2);
      }
      if (flags2.nodelete && dso.refcount !== Infinity) {
        dso.refcount = Infinity;
      }
      dso.refcount++;
      if (handle2) {
        LDSO.loadedLibsByHandle[handle2] = dso;
      }
      return flags2.loadAsync ? Promise.resolve(true) : true;
    }
    dso = newDSO(libName2, handle2, "loading");
    dso.refcount = flags2.nodelete ? Infinity : 1;
    dso.global = flags2.global;
    function loadLibData() {
      if (handle2) {
        var data = LE_HEAP_LOAD_U32((handle2 + 28 >> 2) * 4);
        var dataSize = LE_HEAP_LOAD_U32((handle2 + 32 >> 2) * 4);
        if (data && dataSize) {
          var libData = HEAP8.slice(data, data + dataSize);
          return flags2.loadAsync ? Promise.resolve(libData) : libData;
        }
      }
      var libFile = locateFile(libName2);
      if (flags2.loadAsync) {
        return asyncLoad(libFile);
      }
      if (!readBinary) {
        throw new Error(`${libFile}: file not found, and synchronous loading of external files is not available`);
      }
      return readBinary(libFile);
    }
    __name(loadLibData, "loadLibData");
    function getExports() {
      if (flags2.loadAsync) {
        return loadLibData().then((libData) => loadWebAssemblyModule(libData, flags2, libName2, localScope2, handle2));
      }
      return loadWebAssemblyModule(loadLibData(), flags2, libName2, localScope2, handle2);
    }
    __name(getExports, "getExports");
    function moduleLoaded(exports) {
      if (dso.global) {
        mergeLibSymbols(exports, libName2);
      } else if (localScope2) {
        Object.assign(localScope2, exports);
      }
      dso.exports = exports;
    }
    __name(moduleLoaded, "moduleLoaded");
    if (flags2.loadAsync) {
      return getExports().then((exports) => {
        moduleLoaded(exports);
        return true;
      });
    }
    moduleLoaded(getExports());
    return true;
  }
  __name(loadDynamicLibrary, "loadDynamicLibrary");
  var reportUndefinedSymbols = /* @__PURE__ */ __name(() => {
    for (var [symName, entry] of Object.entries(GOT)) {
      if (entry.value == 0) {
        var value = resolveGlobalSymbol(symName, true).sym;
        if (!value && !entry.required) {
          continue;
        }
        if (typeof value == "function") {
          entry.value = addFunction(value, value.sig);
        } else if (typeof value == "number") {
          entry.value = value;
        } else {
          throw new Error(`bad export type for '${symName}': ${typeof value}`);
        }
      }
    }
  }, "reportUndefinedSymbols");
  var runDependencies = 0;
  var dependenciesFulfilled = null;
  var removeRunDependency = /* @__PURE__ */ __name((id) => {
    runDependencies--;
    Module["monitorRunDependencies"]?.(runDependencies);
    if (runDependencies == 0) {
      if (dependenciesFulfilled) {
        var callback = dependenciesFulfilled;
        dependenciesFulfilled = null;
        callback();
      }
    }
  }, "removeRunDependency");
  var addRunDependency = /* @__PURE__ */ __name((id) => {
    runDependencies++;
    Module["monitorRunDependencies"]?.(runDependencies);
  }, "addRunDependency");
  var loadDylibs = /* @__PURE__ */ __name(async () => {
    if (!dynamicLibraries.length) {
      reportUndefinedSymbols();
      return;
    }
    addRunDependency("loadDylibs");
    for (var lib of dynamicLibraries) {
      await loadDynamicLibrary(lib, {
        loadAsync: true,
        global: true,
        nodelete: true,
        allowUndefined: true
      });
    }
    reportUndefinedSymbols();
    removeRunDependency("loadDylibs");
  }, "loadDylibs");
  var noExitRuntime = true;
  function setValue(ptr, value, type = "i8") {
    if (type.endsWith("*")) type = "*";
    switch (type) {
      case "i1":
        HEAP8[ptr] = value;
        break;
      case "i8":
        HEAP8[ptr] = value;
        break;
      case "i16":
        LE_HEAP_STORE_I16((ptr >> 1) * 2, value);
        break;
      case "i32":
        LE_HEAP_STORE_I32((ptr >> 2) * 4, value);
        break;
      case "i64":
        LE_HEAP_STORE_I64((ptr >> 3) * 8, BigInt(value));
        break;
      case "float":
        LE_HEAP_STORE_F32((ptr >> 2) * 4, value);
        break;
      case "double":
        LE_HEAP_STORE_F64((ptr >> 3) * 8, value);
        break;
      case "*":
        LE_HEAP_STORE_U32((ptr >> 2) * 4, value);
        break;
      default:
        abort(`invalid type for setValue: ${type}`);
    }
  }
  __name(setValue, "setValue");
  var ___memory_base = new WebAssembly.Global({
    "value": "i32",
    "mutable": false
  }, 1024);
  var ___stack_high = 82240;
  var ___stack_low = 16704;
  var ___stack_pointer = new WebAssembly.Global({
    "value": "i32",
    "mutable": true
  }, 82240);
  var ___table_base = new WebAssembly.Global({
    "value": "i32",
    "mutable": false
  }, 1);
  var __abort_js = /* @__PURE__ */ __name(() => abort(""), "__abort_js");
  __abort_js.sig = "v";
  var getHeapMax = /* @__PURE__ */ __name(() => (
    // Stay one Wasm page short of 4GB: while e.g. Chrome is able to allocate
    // full 4GB Wasm memories, the size will wrap back to 0 bytes in Wasm side
    // for any code that deals with heap sizes, which would require special
    // casing all heap size related code to treat 0 specially.
    2147483648
  ), "getHeapMax");
  var growMemory = /* @__PURE__ */ __name((size) => {
    var oldHeapSize = wasmMemory.buffer.byteLength;
    var pages = (size - oldHeapSize + 65535) / 65536 | 0;
    try {
      wasmMemory.grow(pages);
      updateMemoryViews();
      return 1;
    } catch (e) {
    }
  }, "growMemory");
  var _emscripten_resize_heap = /* @__PURE__ */ __name((requestedSize) => {
    var oldSize = HEAPU8.length;
    requestedSize >>>= 0;
    var maxHeapSize = getHeapMax();
    if (requestedSize > maxHeapSize) {
      return false;
    }
    for (var cutDown = 1; cutDown <= 4; cutDown *= 2) {
      var overGrownHeapSize = oldSize * (1 + 0.2 / cutDown);
      overGrownHeapSize = Math.min(overGrownHeapSize, requestedSize + 100663296);
      var newSize = Math.min(maxHeapSize, alignMemory(Math.max(requestedSize, overGrownHeapSize), 65536));
      var replacement = growMemory(newSize);
      if (replacement) {
        return true;
      }
    }
    return false;
  }, "_emscripten_resize_heap");
  _emscripten_resize_heap.sig = "ip";
  var _fd_close = /* @__PURE__ */ __name((fd) => 52, "_fd_close");
  _fd_close.sig = "ii";
  var INT53_MAX = 9007199254740992;
  var INT53_MIN = -9007199254740992;
  var bigintToI53Checked = /* @__PURE__ */ __name((num) => num < INT53_MIN || num > INT53_MAX ? NaN : Number(num), "bigintToI53Checked");
  function _fd_seek(fd, offset, whence, newOffset) {
    offset = bigintToI53Checked(offset);
    return 70;
  }
  __name(_fd_seek, "_fd_seek");
  _fd_seek.sig = "iijip";
  var printCharBuffers = [null, [], []];
  var printChar = /* @__PURE__ */ __name((stream, curr) => {
    var buffer = printCharBuffers[stream];
    if (curr === 0 || curr === 10) {
      (stream === 1 ? out : err)(UTF8ArrayToString(buffer));
      buffer.length = 0;
    } else {
      buffer.push(curr);
    }
  }, "printChar");
  var _fd_write = /* @__PURE__ */ __name((fd, iov, iovcnt, pnum) => {
    var num = 0;
    for (var i2 = 0; i2 < iovcnt; i2++) {
      var ptr = LE_HEAP_LOAD_U32((iov >> 2) * 4);
      var len = LE_HEAP_LOAD_U32((iov + 4 >> 2) * 4);
      iov += 8;
      for (var j = 0; j < len; j++) {
        printChar(fd, HEAPU8[ptr + j]);
      }
      num += len;
    }
    LE_HEAP_STORE_U32((pnum >> 2) * 4, num);
    return 0;
  }, "_fd_write");
  _fd_write.sig = "iippp";
  function _tree_sitter_log_callback(isLexMessage, messageAddress) {
    if (Module.currentLogCallback) {
      const message4 = UTF8ToString(messageAddress);
      Module.currentLogCallback(message4, isLexMessage !== 0);
    }
  }
  __name(_tree_sitter_log_callback, "_tree_sitter_log_callback");
  function _tree_sitter_parse_callback(inputBufferAddress, index, row, column, lengthAddress) {
    const INPUT_BUFFER_SIZE = 10 * 1024;
    const string = Module.currentParseCallback(index, {
      row,
      column
    });
    if (typeof string === "string") {
      setValue(lengthAddress, string.length, "i32");
      stringToUTF16(string, inputBufferAddress, INPUT_BUFFER_SIZE);
    } else {
      setValue(lengthAddress, 0, "i32");
    }
  }
  __name(_tree_sitter_parse_callback, "_tree_sitter_parse_callback");
  function _tree_sitter_progress_callback(currentOffset, hasError) {
    if (Module.currentProgressCallback) {
      return Module.currentProgressCallback({
        currentOffset,
        hasError
      });
    }
    return false;
  }
  __name(_tree_sitter_progress_callback, "_tree_sitter_progress_callback");
  function _tree_sitter_query_progress_callback(currentOffset) {
    if (Module.currentQueryProgressCallback) {
      return Module.currentQueryProgressCallback({
        currentOffset
      });
    }
    return false;
  }
  __name(_tree_sitter_query_progress_callback, "_tree_sitter_query_progress_callback");
  var runtimeKeepaliveCounter = 0;
  var keepRuntimeAlive = /* @__PURE__ */ __name(() => noExitRuntime || runtimeKeepaliveCounter > 0, "keepRuntimeAlive");
  var _proc_exit = /* @__PURE__ */ __name((code) => {
    EXITSTATUS = code;
    if (!keepRuntimeAlive()) {
      Module["onExit"]?.(code);
      ABORT = true;
    }
    quit_(code, new ExitStatus(code));
  }, "_proc_exit");
  _proc_exit.sig = "vi";
  var exitJS = /* @__PURE__ */ __name((status, implicit) => {
    EXITSTATUS = status;
    _proc_exit(status);
  }, "exitJS");
  var handleException = /* @__PURE__ */ __name((e) => {
    if (e instanceof ExitStatus || e == "unwind") {
      return EXITSTATUS;
    }
    quit_(1, e);
  }, "handleException");
  var lengthBytesUTF8 = /* @__PURE__ */ __name((str) => {
    var len = 0;
    for (var i2 = 0; i2 < str.length; ++i2) {
      var c = str.charCodeAt(i2);
      if (c <= 127) {
        len++;
      } else if (c <= 2047) {
        len += 2;
      } else if (c >= 55296 && c <= 57343) {
        len += 4;
        ++i2;
      } else {
        len += 3;
      }
    }
    return len;
  }, "lengthBytesUTF8");
  var stringToUTF8Array = /* @__PURE__ */ __name((str, heap, outIdx, maxBytesToWrite) => {
    if (!(maxBytesToWrite > 0)) return 0;
    var startIdx = outIdx;
    var endIdx = outIdx + maxBytesToWrite - 1;
    for (var i2 = 0; i2 < str.length; ++i2) {
      var u = str.codePointAt(i2);
      if (u <= 127) {
        if (outIdx >= endIdx) break;
        heap[outIdx++] = u;
      } else if (u <= 2047) {
        if (outIdx + 1 >= endIdx) break;
        heap[outIdx++] = 192 | u >> 6;
        heap[outIdx++] = 128 | u & 63;
      } else if (u <= 65535) {
        if (outIdx + 2 >= endIdx) break;
        heap[outIdx++] = 224 | u >> 12;
        heap[outIdx++] = 128 | u >> 6 & 63;
        heap[outIdx++] = 128 | u & 63;
      } else {
        if (outIdx + 3 >= endIdx) break;
        heap[outIdx++] = 240 | u >> 18;
        heap[outIdx++] = 128 | u >> 12 & 63;
        heap[outIdx++] = 128 | u >> 6 & 63;
        heap[outIdx++] = 128 | u & 63;
        i2++;
      }
    }
    heap[outIdx] = 0;
    return outIdx - startIdx;
  }, "stringToUTF8Array");
  var stringToUTF8 = /* @__PURE__ */ __name((str, outPtr, maxBytesToWrite) => stringToUTF8Array(str, HEAPU8, outPtr, maxBytesToWrite), "stringToUTF8");
  var stackAlloc = /* @__PURE__ */ __name((sz) => __emscripten_stack_alloc(sz), "stackAlloc");
  var stringToUTF8OnStack = /* @__PURE__ */ __name((str) => {
    var size = lengthBytesUTF8(str) + 1;
    var ret = stackAlloc(size);
    stringToUTF8(str, ret, size);
    return ret;
  }, "stringToUTF8OnStack");
  var AsciiToString = /* @__PURE__ */ __name((ptr) => {
    var str = "";
    while (1) {
      var ch = HEAPU8[ptr++];
      if (!ch) return str;
      str += String.fromCharCode(ch);
    }
  }, "AsciiToString");
  var stringToUTF16 = /* @__PURE__ */ __name((str, outPtr, maxBytesToWrite) => {
    maxBytesToWrite ??= 2147483647;
    if (maxBytesToWrite < 2) return 0;
    maxBytesToWrite -= 2;
    var startPtr = outPtr;
    var numCharsToWrite = maxBytesToWrite < str.length * 2 ? maxBytesToWrite / 2 : str.length;
    for (var i2 = 0; i2 < numCharsToWrite; ++i2) {
      var codeUnit = str.charCodeAt(i2);
      LE_HEAP_STORE_I16((outPtr >> 1) * 2, codeUnit);
      outPtr += 2;
    }
    LE_HEAP_STORE_I16((outPtr >> 1) * 2, 0);
    return outPtr - startPtr;
  }, "stringToUTF16");
  LE_ATOMICS_NATIVE_BYTE_ORDER = new Int8Array(new Int16Array([1]).buffer)[0] === 1 ? [
    /* little endian */
    ((x) => x),
    ((x) => x),
    void 0,
    ((x) => x)
  ] : [
    /* big endian */
    ((x) => x),
    ((x) => ((x & 65280) << 8 | (x & 255) << 24) >> 16),
    void 0,
    ((x) => x >> 24 & 255 | x >> 8 & 65280 | (x & 65280) << 8 | (x & 255) << 24)
  ];
  function LE_HEAP_UPDATE() {
    HEAPU16.unsigned = ((x) => x & 65535);
    HEAPU32.unsigned = ((x) => x >>> 0);
  }
  __name(LE_HEAP_UPDATE, "LE_HEAP_UPDATE");
  {
    initMemory();
    if (Module["noExitRuntime"]) noExitRuntime = Module["noExitRuntime"];
    if (Module["print"]) out = Module["print"];
    if (Module["printErr"]) err = Module["printErr"];
    if (Module["dynamicLibraries"]) dynamicLibraries = Module["dynamicLibraries"];
    if (Module["wasmBinary"]) wasmBinary = Module["wasmBinary"];
    if (Module["arguments"]) arguments_ = Module["arguments"];
    if (Module["thisProgram"]) thisProgram = Module["thisProgram"];
    if (Module["preInit"]) {
      if (typeof Module["preInit"] == "function") Module["preInit"] = [Module["preInit"]];
      while (Module["preInit"].length > 0) {
        Module["preInit"].shift()();
      }
    }
  }
  Module["setValue"] = setValue;
  Module["getValue"] = getValue;
  Module["UTF8ToString"] = UTF8ToString;
  Module["stringToUTF8"] = stringToUTF8;
  Module["lengthBytesUTF8"] = lengthBytesUTF8;
  Module["AsciiToString"] = AsciiToString;
  Module["stringToUTF16"] = stringToUTF16;
  Module["loadWebAssemblyModule"] = loadWebAssemblyModule;
  Module["LE_HEAP_STORE_I64"] = LE_HEAP_STORE_I64;
  var ASM_CONSTS = {};
  var _malloc, _calloc, _realloc, _free, _ts_range_edit, _memcmp, _ts_language_symbol_count, _ts_language_state_count, _ts_language_abi_version, _ts_language_name, _ts_language_field_count, _ts_language_next_state, _ts_language_symbol_name, _ts_language_symbol_for_name, _strncmp, _ts_language_symbol_type, _ts_language_field_name_for_id, _ts_lookahead_iterator_new, _ts_lookahead_iterator_delete, _ts_lookahead_iterator_reset_state, _ts_lookahead_iterator_reset, _ts_lookahead_iterator_next, _ts_lookahead_iterator_current_symbol, _ts_point_edit, _ts_parser_delete, _ts_parser_reset, _ts_parser_set_language, _ts_parser_set_included_ranges, _ts_query_new, _ts_query_delete, _iswspace, _iswalnum, _ts_query_copy, _ts_query_pattern_count, _ts_query_capture_count, _ts_query_string_count, _ts_query_capture_name_for_id, _ts_query_capture_quantifier_for_id, _ts_query_string_value_for_id, _ts_query_predicates_for_pattern, _ts_query_start_byte_for_pattern, _ts_query_end_byte_for_pattern, _ts_query_is_pattern_rooted, _ts_query_is_pattern_non_local, _ts_query_is_pattern_guaranteed_at_step, _ts_query_disable_capture, _ts_query_disable_pattern, _ts_tree_copy, _ts_tree_delete, _ts_init, _ts_parser_new_wasm, _ts_parser_enable_logger_wasm, _ts_parser_parse_wasm, _ts_parser_included_ranges_wasm, _ts_language_type_is_named_wasm, _ts_language_type_is_visible_wasm, _ts_language_metadata_wasm, _ts_language_supertypes_wasm, _ts_language_subtypes_wasm, _ts_tree_root_node_wasm, _ts_tree_root_node_with_offset_wasm, _ts_tree_edit_wasm, _ts_tree_included_ranges_wasm, _ts_tree_get_changed_ranges_wasm, _ts_tree_cursor_new_wasm, _ts_tree_cursor_copy_wasm, _ts_tree_cursor_delete_wasm, _ts_tree_cursor_reset_wasm, _ts_tree_cursor_reset_to_wasm, _ts_tree_cursor_goto_first_child_wasm, _ts_tree_cursor_goto_last_child_wasm, _ts_tree_cursor_goto_first_child_for_index_wasm, _ts_tree_cursor_goto_first_child_for_position_wasm, _ts_tree_cursor_goto_next_sibling_wasm, _ts_tree_cursor_goto_previous_sibling_wasm, _ts_tree_cursor_goto_descendant_wasm, _ts_tree_cursor_goto_parent_wasm, _ts_tree_cursor_current_node_type_id_wasm, _ts_tree_cursor_current_node_state_id_wasm, _ts_tree_cursor_current_node_is_named_wasm, _ts_tree_cursor_current_node_is_missing_wasm, _ts_tree_cursor_current_node_id_wasm, _ts_tree_cursor_start_position_wasm, _ts_tree_cursor_end_position_wasm, _ts_tree_cursor_start_index_wasm, _ts_tree_cursor_end_index_wasm, _ts_tree_cursor_current_field_id_wasm, _ts_tree_cursor_current_depth_wasm, _ts_tree_cursor_current_descendant_index_wasm, _ts_tree_cursor_current_node_wasm, _ts_node_symbol_wasm, _ts_node_field_name_for_child_wasm, _ts_node_field_name_for_named_child_wasm, _ts_node_children_by_field_id_wasm, _ts_node_first_child_for_byte_wasm, _ts_node_first_named_child_for_byte_wasm, _ts_node_grammar_symbol_wasm, _ts_node_child_count_wasm, _ts_node_named_child_count_wasm, _ts_node_child_wasm, _ts_node_named_child_wasm, _ts_node_child_by_field_id_wasm, _ts_node_next_sibling_wasm, _ts_node_prev_sibling_wasm, _ts_node_next_named_sibling_wasm, _ts_node_prev_named_sibling_wasm, _ts_node_descendant_count_wasm, _ts_node_parent_wasm, _ts_node_child_with_descendant_wasm, _ts_node_descendant_for_index_wasm, _ts_node_named_descendant_for_index_wasm, _ts_node_descendant_for_position_wasm, _ts_node_named_descendant_for_position_wasm, _ts_node_start_point_wasm, _ts_node_end_point_wasm, _ts_node_start_index_wasm, _ts_node_end_index_wasm, _ts_node_to_string_wasm, _ts_node_children_wasm, _ts_node_named_children_wasm, _ts_node_descendants_of_type_wasm, _ts_node_is_named_wasm, _ts_node_has_changes_wasm, _ts_node_has_error_wasm, _ts_node_is_error_wasm, _ts_node_is_missing_wasm, _ts_node_is_extra_wasm, _ts_node_parse_state_wasm, _ts_node_next_parse_state_wasm, _ts_query_matches_wasm, _ts_query_captures_wasm, _memset, _memcpy, _memmove, _iswalpha, _iswblank, _iswdigit, _iswlower, _iswpunct, _iswupper, _iswxdigit, _memchr, _strlen, _strcmp, _strncat, _strncpy, _towlower, _towupper, _setThrew, __emscripten_stack_restore, __emscripten_stack_alloc, _emscripten_stack_get_current, ___wasm_apply_data_relocs;
  function assignWasmExports(wasmExports2) {
    Module["_malloc"] = _malloc = wasmExports2["malloc"];
    Module["_calloc"] = _calloc = wasmExports2["calloc"];
    Module["_realloc"] = _realloc = wasmExports2["realloc"];
    Module["_free"] = _free = wasmExports2["free"];
    Module["_ts_range_edit"] = _ts_range_edit = wasmExports2["ts_range_edit"];
    Module["_memcmp"] = _memcmp = wasmExports2["memcmp"];
    Module["_ts_language_symbol_count"] = _ts_language_symbol_count = wasmExports2["ts_language_symbol_count"];
    Module["_ts_language_state_count"] = _ts_language_state_count = wasmExports2["ts_language_state_count"];
    Module["_ts_language_abi_version"] = _ts_language_abi_version = wasmExports2["ts_language_abi_version"];
    Module["_ts_language_name"] = _ts_language_name = wasmExports2["ts_language_name"];
    Module["_ts_language_field_count"] = _ts_language_field_count = wasmExports2["ts_language_field_count"];
    Module["_ts_language_next_state"] = _ts_language_next_state = wasmExports2["ts_language_next_state"];
    Module["_ts_language_symbol_name"] = _ts_language_symbol_name = wasmExports2["ts_language_symbol_name"];
    Module["_ts_language_symbol_for_name"] = _ts_language_symbol_for_name = wasmExports2["ts_language_symbol_for_name"];
    Module["_strncmp"] = _strncmp = wasmExports2["strncmp"];
    Module["_ts_language_symbol_type"] = _ts_language_symbol_type = wasmExports2["ts_language_symbol_type"];
    Module["_ts_language_field_name_for_id"] = _ts_language_field_name_for_id = wasmExports2["ts_language_field_name_for_id"];
    Module["_ts_lookahead_iterator_new"] = _ts_lookahead_iterator_new = wasmExports2["ts_lookahead_iterator_new"];
    Module["_ts_lookahead_iterator_delete"] = _ts_lookahead_iterator_delete = wasmExports2["ts_lookahead_iterator_delete"];
    Module["_ts_lookahead_iterator_reset_state"] = _ts_lookahead_iterator_reset_state = wasmExports2["ts_lookahead_iterator_reset_state"];
    Module["_ts_lookahead_iterator_reset"] = _ts_lookahead_iterator_reset = wasmExports2["ts_lookahead_iterator_reset"];
    Module["_ts_lookahead_iterator_next"] = _ts_lookahead_iterator_next = wasmExports2["ts_lookahead_iterator_next"];
    Module["_ts_lookahead_iterator_current_symbol"] = _ts_lookahead_iterator_current_symbol = wasmExports2["ts_lookahead_iterator_current_symbol"];
    Module["_ts_point_edit"] = _ts_point_edit = wasmExports2["ts_point_edit"];
    Module["_ts_parser_delete"] = _ts_parser_delete = wasmExports2["ts_parser_delete"];
    Module["_ts_parser_reset"] = _ts_parser_reset = wasmExports2["ts_parser_reset"];
    Module["_ts_parser_set_language"] = _ts_parser_set_language = wasmExports2["ts_parser_set_language"];
    Module["_ts_parser_set_included_ranges"] = _ts_parser_set_included_ranges = wasmExports2["ts_parser_set_included_ranges"];
    Module["_ts_query_new"] = _ts_query_new = wasmExports2["ts_query_new"];
    Module["_ts_query_delete"] = _ts_query_delete = wasmExports2["ts_query_delete"];
    Module["_iswspace"] = _iswspace = wasmExports2["iswspace"];
    Module["_iswalnum"] = _iswalnum = wasmExports2["iswalnum"];
    Module["_ts_query_copy"] = _ts_query_copy = wasmExports2["ts_query_copy"];
    Module["_ts_query_pattern_count"] = _ts_query_pattern_count = wasmExports2["ts_query_pattern_count"];
    Module["_ts_query_capture_count"] = _ts_query_capture_count = wasmExports2["ts_query_capture_count"];
    Module["_ts_query_string_count"] = _ts_query_string_count = wasmExports2["ts_query_string_count"];
    Module["_ts_query_capture_name_for_id"] = _ts_query_capture_name_for_id = wasmExports2["ts_query_capture_name_for_id"];
    Module["_ts_query_capture_quantifier_for_id"] = _ts_query_capture_quantifier_for_id = wasmExports2["ts_query_capture_quantifier_for_id"];
    Module["_ts_query_string_value_for_id"] = _ts_query_string_value_for_id = wasmExports2["ts_query_string_value_for_id"];
    Module["_ts_query_predicates_for_pattern"] = _ts_query_predicates_for_pattern = wasmExports2["ts_query_predicates_for_pattern"];
    Module["_ts_query_start_byte_for_pattern"] = _ts_query_start_byte_for_pattern = wasmExports2["ts_query_start_byte_for_pattern"];
    Module["_ts_query_end_byte_for_pattern"] = _ts_query_end_byte_for_pattern = wasmExports2["ts_query_end_byte_for_pattern"];
    Module["_ts_query_is_pattern_rooted"] = _ts_query_is_pattern_rooted = wasmExports2["ts_query_is_pattern_rooted"];
    Module["_ts_query_is_pattern_non_local"] = _ts_query_is_pattern_non_local = wasmExports2["ts_query_is_pattern_non_local"];
    Module["_ts_query_is_pattern_guaranteed_at_step"] = _ts_query_is_pattern_guaranteed_at_step = wasmExports2["ts_query_is_pattern_guaranteed_at_step"];
    Module["_ts_query_disable_capture"] = _ts_query_disable_capture = wasmExports2["ts_query_disable_capture"];
    Module["_ts_query_disable_pattern"] = _ts_query_disable_pattern = wasmExports2["ts_query_disable_pattern"];
    Module["_ts_tree_copy"] = _ts_tree_copy = wasmExports2["ts_tree_copy"];
    Module["_ts_tree_delete"] = _ts_tree_delete = wasmExports2["ts_tree_delete"];
    Module["_ts_init"] = _ts_init = wasmExports2["ts_init"];
    Module["_ts_parser_new_wasm"] = _ts_parser_new_wasm = wasmExports2["ts_parser_new_wasm"];
    Module["_ts_parser_enable_logger_wasm"] = _ts_parser_enable_logger_wasm = wasmExports2["ts_parser_enable_logger_wasm"];
    Module["_ts_parser_parse_wasm"] = _ts_parser_parse_wasm = wasmExports2["ts_parser_parse_wasm"];
    Module["_ts_parser_included_ranges_wasm"] = _ts_parser_included_ranges_wasm = wasmExports2["ts_parser_included_ranges_wasm"];
    Module["_ts_language_type_is_named_wasm"] = _ts_language_type_is_named_wasm = wasmExports2["ts_language_type_is_named_wasm"];
    Module["_ts_language_type_is_visible_wasm"] = _ts_language_type_is_visible_wasm = wasmExports2["ts_language_type_is_visible_wasm"];
    Module["_ts_language_metadata_wasm"] = _ts_language_metadata_wasm = wasmExports2["ts_language_metadata_wasm"];
    Module["_ts_language_supertypes_wasm"] = _ts_language_supertypes_wasm = wasmExports2["ts_language_supertypes_wasm"];
    Module["_ts_language_subtypes_wasm"] = _ts_language_subtypes_wasm = wasmExports2["ts_language_subtypes_wasm"];
    Module["_ts_tree_root_node_wasm"] = _ts_tree_root_node_wasm = wasmExports2["ts_tree_root_node_wasm"];
    Module["_ts_tree_root_node_with_offset_wasm"] = _ts_tree_root_node_with_offset_wasm = wasmExports2["ts_tree_root_node_with_offset_wasm"];
    Module["_ts_tree_edit_wasm"] = _ts_tree_edit_wasm = wasmExports2["ts_tree_edit_wasm"];
    Module["_ts_tree_included_ranges_wasm"] = _ts_tree_included_ranges_wasm = wasmExports2["ts_tree_included_ranges_wasm"];
    Module["_ts_tree_get_changed_ranges_wasm"] = _ts_tree_get_changed_ranges_wasm = wasmExports2["ts_tree_get_changed_ranges_wasm"];
    Module["_ts_tree_cursor_new_wasm"] = _ts_tree_cursor_new_wasm = wasmExports2["ts_tree_cursor_new_wasm"];
    Module["_ts_tree_cursor_copy_wasm"] = _ts_tree_cursor_copy_wasm = wasmExports2["ts_tree_cursor_copy_wasm"];
    Module["_ts_tree_cursor_delete_wasm"] = _ts_tree_cursor_delete_wasm = wasmExports2["ts_tree_cursor_delete_wasm"];
    Module["_ts_tree_cursor_reset_wasm"] = _ts_tree_cursor_reset_wasm = wasmExports2["ts_tree_cursor_reset_wasm"];
    Module["_ts_tree_cursor_reset_to_wasm"] = _ts_tree_cursor_reset_to_wasm = wasmExports2["ts_tree_cursor_reset_to_wasm"];
    Module["_ts_tree_cursor_goto_first_child_wasm"] = _ts_tree_cursor_goto_first_child_wasm = wasmExports2["ts_tree_cursor_goto_first_child_wasm"];
    Module["_ts_tree_cursor_goto_last_child_wasm"] = _ts_tree_cursor_goto_last_child_wasm = wasmExports2["ts_tree_cursor_goto_last_child_wasm"];
    Module["_ts_tree_cursor_goto_first_child_for_index_wasm"] = _ts_tree_cursor_goto_first_child_for_index_wasm = wasmExports2["ts_tree_cursor_goto_first_child_for_index_wasm"];
    Module["_ts_tree_cursor_goto_first_child_for_position_wasm"] = _ts_tree_cursor_goto_first_child_for_position_wasm = wasmExports2["ts_tree_cursor_goto_first_child_for_position_wasm"];
    Module["_ts_tree_cursor_goto_next_sibling_wasm"] = _ts_tree_cursor_goto_next_sibling_wasm = wasmExports2["ts_tree_cursor_goto_next_sibling_wasm"];
    Module["_ts_tree_cursor_goto_previous_sibling_wasm"] = _ts_tree_cursor_goto_previous_sibling_wasm = wasmExports2["ts_tree_cursor_goto_previous_sibling_wasm"];
    Module["_ts_tree_cursor_goto_descendant_wasm"] = _ts_tree_cursor_goto_descendant_wasm = wasmExports2["ts_tree_cursor_goto_descendant_wasm"];
    Module["_ts_tree_cursor_goto_parent_wasm"] = _ts_tree_cursor_goto_parent_wasm = wasmExports2["ts_tree_cursor_goto_parent_wasm"];
    Module["_ts_tree_cursor_current_node_type_id_wasm"] = _ts_tree_cursor_current_node_type_id_wasm = wasmExports2["ts_tree_cursor_current_node_type_id_wasm"];
    Module["_ts_tree_cursor_current_node_state_id_wasm"] = _ts_tree_cursor_current_node_state_id_wasm = wasmExports2["ts_tree_cursor_current_node_state_id_wasm"];
    Module["_ts_tree_cursor_current_node_is_named_wasm"] = _ts_tree_cursor_current_node_is_named_wasm = wasmExports2["ts_tree_cursor_current_node_is_named_wasm"];
    Module["_ts_tree_cursor_current_node_is_missing_wasm"] = _ts_tree_cursor_current_node_is_missing_wasm = wasmExports2["ts_tree_cursor_current_node_is_missing_wasm"];
    Module["_ts_tree_cursor_current_node_id_wasm"] = _ts_tree_cursor_current_node_id_wasm = wasmExports2["ts_tree_cursor_current_node_id_wasm"];
    Module["_ts_tree_cursor_start_position_wasm"] = _ts_tree_cursor_start_position_wasm = wasmExports2["ts_tree_cursor_start_position_wasm"];
    Module["_ts_tree_cursor_end_position_wasm"] = _ts_tree_cursor_end_position_wasm = wasmExports2["ts_tree_cursor_end_position_wasm"];
    Module["_ts_tree_cursor_start_index_wasm"] = _ts_tree_cursor_start_index_wasm = wasmExports2["ts_tree_cursor_start_index_wasm"];
    Module["_ts_tree_cursor_end_index_wasm"] = _ts_tree_cursor_end_index_wasm = wasmExports2["ts_tree_cursor_end_index_wasm"];
    Module["_ts_tree_cursor_current_field_id_wasm"] = _ts_tree_cursor_current_field_id_wasm = wasmExports2["ts_tree_cursor_current_field_id_wasm"];
    Module["_ts_tree_cursor_current_depth_wasm"] = _ts_tree_cursor_current_depth_wasm = wasmExports2["ts_tree_cursor_current_depth_wasm"];
    Module["_ts_tree_cursor_current_descendant_index_wasm"] = _ts_tree_cursor_current_descendant_index_wasm = wasmExports2["ts_tree_cursor_current_descendant_index_wasm"];
    Module["_ts_tree_cursor_current_node_wasm"] = _ts_tree_cursor_current_node_wasm = wasmExports2["ts_tree_cursor_current_node_wasm"];
    Module["_ts_node_symbol_wasm"] = _ts_node_symbol_wasm = wasmExports2["ts_node_symbol_wasm"];
    Module["_ts_node_field_name_for_child_wasm"] = _ts_node_field_name_for_child_wasm = wasmExports2["ts_node_field_name_for_child_wasm"];
    Module["_ts_node_field_name_for_named_child_wasm"] = _ts_node_field_name_for_named_child_wasm = wasmExports2["ts_node_field_name_for_named_child_wasm"];
    Module["_ts_node_children_by_field_id_wasm"] = _ts_node_children_by_field_id_wasm = wasmExports2["ts_node_children_by_field_id_wasm"];
    Module["_ts_node_first_child_for_byte_wasm"] = _ts_node_first_child_for_byte_wasm = wasmExports2["ts_node_first_child_for_byte_wasm"];
    Module["_ts_node_first_named_child_for_byte_wasm"] = _ts_node_first_named_child_for_byte_wasm = wasmExports2["ts_node_first_named_child_for_byte_wasm"];
    Module["_ts_node_grammar_symbol_wasm"] = _ts_node_grammar_symbol_wasm = wasmExports2["ts_node_grammar_symbol_wasm"];
    Module["_ts_node_child_count_wasm"] = _ts_node_child_count_wasm = wasmExports2["ts_node_child_count_wasm"];
    Module["_ts_node_named_child_count_wasm"] = _ts_node_named_child_count_wasm = wasmExports2["ts_node_named_child_count_wasm"];
    Module["_ts_node_child_wasm"] = _ts_node_child_wasm = wasmExports2["ts_node_child_wasm"];
    Module["_ts_node_named_child_wasm"] = _ts_node_named_child_wasm = wasmExports2["ts_node_named_child_wasm"];
    Module["_ts_node_child_by_field_id_wasm"] = _ts_node_child_by_field_id_wasm = wasmExports2["ts_node_child_by_field_id_wasm"];
    Module["_ts_node_next_sibling_wasm"] = _ts_node_next_sibling_wasm = wasmExports2["ts_node_next_sibling_wasm"];
    Module["_ts_node_prev_sibling_wasm"] = _ts_node_prev_sibling_wasm = wasmExports2["ts_node_prev_sibling_wasm"];
    Module["_ts_node_next_named_sibling_wasm"] = _ts_node_next_named_sibling_wasm = wasmExports2["ts_node_next_named_sibling_wasm"];
    Module["_ts_node_prev_named_sibling_wasm"] = _ts_node_prev_named_sibling_wasm = wasmExports2["ts_node_prev_named_sibling_wasm"];
    Module["_ts_node_descendant_count_wasm"] = _ts_node_descendant_count_wasm = wasmExports2["ts_node_descendant_count_wasm"];
    Module["_ts_node_parent_wasm"] = _ts_node_parent_wasm = wasmExports2["ts_node_parent_wasm"];
    Module["_ts_node_child_with_descendant_wasm"] = _ts_node_child_with_descendant_wasm = wasmExports2["ts_node_child_with_descendant_wasm"];
    Module["_ts_node_descendant_for_index_wasm"] = _ts_node_descendant_for_index_wasm = wasmExports2["ts_node_descendant_for_index_wasm"];
    Module["_ts_node_named_descendant_for_index_wasm"] = _ts_node_named_descendant_for_index_wasm = wasmExports2["ts_node_named_descendant_for_index_wasm"];
    Module["_ts_node_descendant_for_position_wasm"] = _ts_node_descendant_for_position_wasm = wasmExports2["ts_node_descendant_for_position_wasm"];
    Module["_ts_node_named_descendant_for_position_wasm"] = _ts_node_named_descendant_for_position_wasm = wasmExports2["ts_node_named_descendant_for_position_wasm"];
    Module["_ts_node_start_point_wasm"] = _ts_node_start_point_wasm = wasmExports2["ts_node_start_point_wasm"];
    Module["_ts_node_end_point_wasm"] = _ts_node_end_point_wasm = wasmExports2["ts_node_end_point_wasm"];
    Module["_ts_node_start_index_wasm"] = _ts_node_start_index_wasm = wasmExports2["ts_node_start_index_wasm"];
    Module["_ts_node_end_index_wasm"] = _ts_node_end_index_wasm = wasmExports2["ts_node_end_index_wasm"];
    Module["_ts_node_to_string_wasm"] = _ts_node_to_string_wasm = wasmExports2["ts_node_to_string_wasm"];
    Module["_ts_node_children_wasm"] = _ts_node_children_wasm = wasmExports2["ts_node_children_wasm"];
    Module["_ts_node_named_children_wasm"] = _ts_node_named_children_wasm = wasmExports2["ts_node_named_children_wasm"];
    Module["_ts_node_descendants_of_type_wasm"] = _ts_node_descendants_of_type_wasm = wasmExports2["ts_node_descendants_of_type_wasm"];
    Module["_ts_node_is_named_wasm"] = _ts_node_is_named_wasm = wasmExports2["ts_node_is_named_wasm"];
    Module["_ts_node_has_changes_wasm"] = _ts_node_has_changes_wasm = wasmExports2["ts_node_has_changes_wasm"];
    Module["_ts_node_has_error_wasm"] = _ts_node_has_error_wasm = wasmExports2["ts_node_has_error_wasm"];
    Module["_ts_node_is_error_wasm"] = _ts_node_is_error_wasm = wasmExports2["ts_node_is_error_wasm"];
    Module["_ts_node_is_missing_wasm"] = _ts_node_is_missing_wasm = wasmExports2["ts_node_is_missing_wasm"];
    Module["_ts_node_is_extra_wasm"] = _ts_node_is_extra_wasm = wasmExports2["ts_node_is_extra_wasm"];
    Module["_ts_node_parse_state_wasm"] = _ts_node_parse_state_wasm = wasmExports2["ts_node_parse_state_wasm"];
    Module["_ts_node_next_parse_state_wasm"] = _ts_node_next_parse_state_wasm = wasmExports2["ts_node_next_parse_state_wasm"];
    Module["_ts_query_matches_wasm"] = _ts_query_matches_wasm = wasmExports2["ts_query_matches_wasm"];
    Module["_ts_query_captures_wasm"] = _ts_query_captures_wasm = wasmExports2["ts_query_captures_wasm"];
    Module["_memset"] = _memset = wasmExports2["memset"];
    Module["_memcpy"] = _memcpy = wasmExports2["memcpy"];
    Module["_memmove"] = _memmove = wasmExports2["memmove"];
    Module["_iswalpha"] = _iswalpha = wasmExports2["iswalpha"];
    Module["_iswblank"] = _iswblank = wasmExports2["iswblank"];
    Module["_iswdigit"] = _iswdigit = wasmExports2["iswdigit"];
    Module["_iswlower"] = _iswlower = wasmExports2["iswlower"];
    Module["_iswpunct"] = _iswpunct = wasmExports2["iswpunct"];
    Module["_iswupper"] = _iswupper = wasmExports2["iswupper"];
    Module["_iswxdigit"] = _iswxdigit = wasmExports2["iswxdigit"];
    Module["_memchr"] = _memchr = wasmExports2["memchr"];
    Module["_strlen"] = _strlen = wasmExports2["strlen"];
    Module["_strcmp"] = _strcmp = wasmExports2["strcmp"];
    Module["_strncat"] = _strncat = wasmExports2["strncat"];
    Module["_strncpy"] = _strncpy = wasmExports2["strncpy"];
    Module["_towlower"] = _towlower = wasmExports2["towlower"];
    Module["_towupper"] = _towupper = wasmExports2["towupper"];
    _setThrew = wasmExports2["setThrew"];
    __emscripten_stack_restore = wasmExports2["_emscripten_stack_restore"];
    __emscripten_stack_alloc = wasmExports2["_emscripten_stack_alloc"];
    _emscripten_stack_get_current = wasmExports2["emscripten_stack_get_current"];
    ___wasm_apply_data_relocs = wasmExports2["__wasm_apply_data_relocs"];
  }
  __name(assignWasmExports, "assignWasmExports");
  var wasmImports = {
    /** @export */
    __heap_base: ___heap_base,
    /** @export */
    __indirect_function_table: wasmTable,
    /** @export */
    __memory_base: ___memory_base,
    /** @export */
    __stack_high: ___stack_high,
    /** @export */
    __stack_low: ___stack_low,
    /** @export */
    __stack_pointer: ___stack_pointer,
    /** @export */
    __table_base: ___table_base,
    /** @export */
    _abort_js: __abort_js,
    /** @export */
    emscripten_resize_heap: _emscripten_resize_heap,
    /** @export */
    fd_close: _fd_close,
    /** @export */
    fd_seek: _fd_seek,
    /** @export */
    fd_write: _fd_write,
    /** @export */
    memory: wasmMemory,
    /** @export */
    tree_sitter_log_callback: _tree_sitter_log_callback,
    /** @export */
    tree_sitter_parse_callback: _tree_sitter_parse_callback,
    /** @export */
    tree_sitter_progress_callback: _tree_sitter_progress_callback,
    /** @export */
    tree_sitter_query_progress_callback: _tree_sitter_query_progress_callback
  };
  function callMain(args2 = []) {
    var entryFunction = resolveGlobalSymbol("main").sym;
    if (!entryFunction) return;
    args2.unshift(thisProgram);
    var argc = args2.length;
    var argv = stackAlloc((argc + 1) * 4);
    var argv_ptr = argv;
    args2.forEach((arg) => {
      LE_HEAP_STORE_U32((argv_ptr >> 2) * 4, stringToUTF8OnStack(arg));
      argv_ptr += 4;
    });
    LE_HEAP_STORE_U32((argv_ptr >> 2) * 4, 0);
    try {
      var ret = entryFunction(argc, argv);
      exitJS(
        ret,
        /* implicit = */
        true
      );
      return ret;
    } catch (e) {
      return handleException(e);
    }
  }
  __name(callMain, "callMain");
  function run(args2 = arguments_) {
    if (runDependencies > 0) {
      dependenciesFulfilled = run;
      return;
    }
    preRun();
    if (runDependencies > 0) {
      dependenciesFulfilled = run;
      return;
    }
    function doRun() {
      Module["calledRun"] = true;
      if (ABORT) return;
      initRuntime();
      preMain();
      readyPromiseResolve?.(Module);
      Module["onRuntimeInitialized"]?.();
      var noInitialRun = Module["noInitialRun"] || false;
      if (!noInitialRun) callMain(args2);
      postRun();
    }
    __name(doRun, "doRun");
    if (Module["setStatus"]) {
      Module["setStatus"]("Running...");
      setTimeout(() => {
        setTimeout(() => Module["setStatus"](""), 1);
        doRun();
      }, 1);
    } else {
      doRun();
    }
  }
  __name(run, "run");
  var wasmExports;
  wasmExports = await createWasm();
  run();
  if (runtimeInitialized) {
    moduleRtn = Module;
  } else {
    moduleRtn = new Promise((resolve, reject) => {
      readyPromiseResolve = resolve;
      readyPromiseReject = reject;
    });
  }
  return moduleRtn;
}
__name(Module2, "Module");
var web_tree_sitter_default = Module2;
var Module3 = null;
async function initializeBinding(moduleOptions) {
  return Module3 ??= await web_tree_sitter_default(moduleOptions);
}
__name(initializeBinding, "initializeBinding");
function checkModule() {
  return !!Module3;
}
__name(checkModule, "checkModule");
var TRANSFER_BUFFER;
var LANGUAGE_VERSION;
var MIN_COMPATIBLE_VERSION;
var finalizer4 = newFinalizer((addresses) => {
  C._ts_parser_delete(addresses[0]);
  C._free(addresses[1]);
});
var Parser = class {
  static {
    __name(this, "Parser");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  [1] = 0;
  // Internal handle for Wasm
  /** @internal */
  logCallback = null;
  /** The parser's current language. */
  language = null;
  /**
   * This must always be called before creating a Parser.
   *
   * You can optionally pass in options to configure the Wasm module, the most common
   * one being `locateFile` to help the module find the `.wasm` file.
   */
  static async init(moduleOptions) {
    setModule(await initializeBinding(moduleOptions));
    TRANSFER_BUFFER = C._ts_init();
    LANGUAGE_VERSION = C.getValue(TRANSFER_BUFFER, "i32");
    MIN_COMPATIBLE_VERSION = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
  }
  /**
   * Create a new parser.
   */
  constructor() {
    this.initialize();
    finalizer4?.register(this, [this[0], this[1]], this);
  }
  /** @internal */
  initialize() {
    if (!checkModule()) {
      throw new Error("cannot construct a Parser before calling `init()`");
    }
    C._ts_parser_new_wasm();
    this[0] = C.getValue(TRANSFER_BUFFER, "i32");
    this[1] = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
  }
  /** Delete the parser, freeing its resources. */
  delete() {
    finalizer4?.unregister(this);
    C._ts_parser_delete(this[0]);
    C._free(this[1]);
    this[0] = 0;
    this[1] = 0;
  }
  /**
   * Set the language that the parser should use for parsing.
   *
   * If the language was not successfully assigned, an error will be thrown.
   * This happens if the language was generated with an incompatible
   * version of the Tree-sitter CLI. Check the language's version using
   * {@link Language#version} and compare it to this library's
   * {@link LANGUAGE_VERSION} and {@link MIN_COMPATIBLE_VERSION} constants.
   */
  setLanguage(language) {
    let address;
    if (!language) {
      address = 0;
      this.language = null;
    } else if (language.constructor === Language) {
      address = language[0];
      const version = C._ts_language_abi_version(address);
      if (version < MIN_COMPATIBLE_VERSION || LANGUAGE_VERSION < version) {
        throw new Error(
          `Incompatible language version ${version}. Compatibility range ${MIN_COMPATIBLE_VERSION} through ${LANGUAGE_VERSION}.`
        );
      }
      this.language = language;
    } else {
      throw new Error("Argument must be a Language");
    }
    C._ts_parser_set_language(this[0], address);
    return this;
  }
  /**
   * Parse a slice of UTF8 text.
   *
   * @param {string | ParseCallback} callback - The UTF8-encoded text to parse or a callback function.
   *
   * @param {Tree | null} [oldTree] - A previous syntax tree parsed from the same document. If the text of the
   *   document has changed since `oldTree` was created, then you must edit `oldTree` to match
   *   the new text using {@link Tree#edit}.
   *
   * @param {ParseOptions} [options] - Options for parsing the text.
   *  This can be used to set the included ranges, or a progress callback.
   *
   * @returns {Tree | null} A {@link Tree} if parsing succeeded, or `null` if:
   *  - The parser has not yet had a language assigned with {@link Parser#setLanguage}.
   *  - The progress callback returned true.
   */
  parse(callback, oldTree, options) {
    if (typeof callback === "string") {
      C.currentParseCallback = (index) => callback.slice(index);
    } else if (typeof callback === "function") {
      C.currentParseCallback = callback;
    } else {
      throw new Error("Argument must be a string or a function");
    }
    if (options?.progressCallback) {
      C.currentProgressCallback = options.progressCallback;
    } else {
      C.currentProgressCallback = null;
    }
    if (this.logCallback) {
      C.currentLogCallback = this.logCallback;
      C._ts_parser_enable_logger_wasm(this[0], 1);
    } else {
      C.currentLogCallback = null;
      C._ts_parser_enable_logger_wasm(this[0], 0);
    }
    let rangeCount = 0;
    let rangeAddress = 0;
    if (options?.includedRanges) {
      rangeCount = options.includedRanges.length;
      rangeAddress = C._calloc(rangeCount, SIZE_OF_RANGE);
      let address = rangeAddress;
      for (let i2 = 0; i2 < rangeCount; i2++) {
        marshalRange(address, options.includedRanges[i2]);
        address += SIZE_OF_RANGE;
      }
    }
    const treeAddress = C._ts_parser_parse_wasm(
      this[0],
      this[1],
      oldTree ? oldTree[0] : 0,
      rangeAddress,
      rangeCount
    );
    if (!treeAddress) {
      C.currentParseCallback = null;
      C.currentLogCallback = null;
      C.currentProgressCallback = null;
      return null;
    }
    if (!this.language) {
      throw new Error("Parser must have a language to parse");
    }
    const result = new Tree(INTERNAL, treeAddress, this.language, C.currentParseCallback);
    C.currentParseCallback = null;
    C.currentLogCallback = null;
    C.currentProgressCallback = null;
    return result;
  }
  /**
   * Instruct the parser to start the next parse from the beginning.
   *
   * If the parser previously failed because of a callback, 
   * then by default, it will resume where it left off on the
   * next call to {@link Parser#parse} or other parsing functions.
   * If you don't want to resume, and instead intend to use this parser to
   * parse some other document, you must call `reset` first.
   */
  reset() {
    C._ts_parser_reset(this[0]);
  }
  /** Get the ranges of text that the parser will include when parsing. */
  getIncludedRanges() {
    C._ts_parser_included_ranges_wasm(this[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalRange(address);
        address += SIZE_OF_RANGE;
      }
      C._free(buffer);
    }
    return result;
  }
  /** Set the logging callback that a parser should use during parsing. */
  setLogger(callback) {
    if (!callback) {
      this.logCallback = null;
    } else if (typeof callback !== "function") {
      throw new Error("Logger callback must be a function");
    } else {
      this.logCallback = callback;
    }
    return this;
  }
  /** Get the parser's current logger. */
  getLogger() {
    return this.logCallback;
  }
};
var PREDICATE_STEP_TYPE_CAPTURE = 1;
var PREDICATE_STEP_TYPE_STRING = 2;
var QUERY_WORD_REGEX = /[\w-]+/g;
var CaptureQuantifier = {
  Zero: 0,
  ZeroOrOne: 1,
  ZeroOrMore: 2,
  One: 3,
  OneOrMore: 4
};
var isCaptureStep = /* @__PURE__ */ __name((step) => step.type === "capture", "isCaptureStep");
var isStringStep = /* @__PURE__ */ __name((step) => step.type === "string", "isStringStep");
var QueryErrorKind = {
  Syntax: 1,
  NodeName: 2,
  FieldName: 3,
  CaptureName: 4,
  PatternStructure: 5
};
var QueryError = class _QueryError extends Error {
  constructor(kind, info2, index, length) {
    super(_QueryError.formatMessage(kind, info2));
    this.kind = kind;
    this.info = info2;
    this.index = index;
    this.length = length;
    this.name = "QueryError";
  }
  kind;
  info;
  index;
  length;
  static {
    __name(this, "QueryError");
  }
  /** Formats an error message based on the error kind and info */
  static formatMessage(kind, info2) {
    switch (kind) {
      case QueryErrorKind.NodeName:
        return `Bad node name '${info2.word}'`;
      case QueryErrorKind.FieldName:
        return `Bad field name '${info2.word}'`;
      case QueryErrorKind.CaptureName:
        return `Bad capture name @${info2.word}`;
      case QueryErrorKind.PatternStructure:
        return `Bad pattern structure at offset ${info2.suffix}`;
      case QueryErrorKind.Syntax:
        return `Bad syntax at offset ${info2.suffix}`;
    }
  }
};
function parseAnyPredicate(steps, index, operator2, textPredicates) {
  if (steps.length !== 3) {
    throw new Error(
      `Wrong number of arguments to \`#${operator2}\` predicate. Expected 2, got ${steps.length - 1}`
    );
  }
  if (!isCaptureStep(steps[1])) {
    throw new Error(
      `First argument of \`#${operator2}\` predicate must be a capture. Got "${steps[1].value}"`
    );
  }
  const isPositive = operator2 === "eq?" || operator2 === "any-eq?";
  const matchAll = !operator2.startsWith("any-");
  if (isCaptureStep(steps[2])) {
    const captureName1 = steps[1].name;
    const captureName2 = steps[2].name;
    textPredicates[index].push((captures) => {
      const nodes1 = [];
      const nodes2 = [];
      for (const c of captures) {
        if (c.name === captureName1) nodes1.push(c.node);
        if (c.name === captureName2) nodes2.push(c.node);
      }
      const compare = /* @__PURE__ */ __name((n1, n2, positive) => {
        return positive ? n1.text === n2.text : n1.text !== n2.text;
      }, "compare");
      return matchAll ? nodes1.every((n1) => nodes2.some((n2) => compare(n1, n2, isPositive))) : nodes1.some((n1) => nodes2.some((n2) => compare(n1, n2, isPositive)));
    });
  } else {
    const captureName = steps[1].name;
    const stringValue3 = steps[2].value;
    const matches = /* @__PURE__ */ __name((n) => n.text === stringValue3, "matches");
    const doesNotMatch = /* @__PURE__ */ __name((n) => n.text !== stringValue3, "doesNotMatch");
    textPredicates[index].push((captures) => {
      const nodes = [];
      for (const c of captures) {
        if (c.name === captureName) nodes.push(c.node);
      }
      const test = isPositive ? matches : doesNotMatch;
      return matchAll ? nodes.every(test) : nodes.some(test);
    });
  }
}
__name(parseAnyPredicate, "parseAnyPredicate");
function parseMatchPredicate(steps, index, operator2, textPredicates) {
  if (steps.length !== 3) {
    throw new Error(
      `Wrong number of arguments to \`#${operator2}\` predicate. Expected 2, got ${steps.length - 1}.`
    );
  }
  if (steps[1].type !== "capture") {
    throw new Error(
      `First argument of \`#${operator2}\` predicate must be a capture. Got "${steps[1].value}".`
    );
  }
  if (steps[2].type !== "string") {
    throw new Error(
      `Second argument of \`#${operator2}\` predicate must be a string. Got @${steps[2].name}.`
    );
  }
  const isPositive = operator2 === "match?" || operator2 === "any-match?";
  const matchAll = !operator2.startsWith("any-");
  const captureName = steps[1].name;
  const regex = new RegExp(steps[2].value);
  textPredicates[index].push((captures) => {
    const nodes = [];
    for (const c of captures) {
      if (c.name === captureName) nodes.push(c.node.text);
    }
    const test = /* @__PURE__ */ __name((text, positive) => {
      return positive ? regex.test(text) : !regex.test(text);
    }, "test");
    if (nodes.length === 0) return !isPositive;
    return matchAll ? nodes.every((text) => test(text, isPositive)) : nodes.some((text) => test(text, isPositive));
  });
}
__name(parseMatchPredicate, "parseMatchPredicate");
function parseAnyOfPredicate(steps, index, operator2, textPredicates) {
  if (steps.length < 2) {
    throw new Error(
      `Wrong number of arguments to \`#${operator2}\` predicate. Expected at least 1. Got ${steps.length - 1}.`
    );
  }
  if (steps[1].type !== "capture") {
    throw new Error(
      `First argument of \`#${operator2}\` predicate must be a capture. Got "${steps[1].value}".`
    );
  }
  const isPositive = operator2 === "any-of?";
  const captureName = steps[1].name;
  const stringSteps = steps.slice(2);
  if (!stringSteps.every(isStringStep)) {
    throw new Error(
      `Arguments to \`#${operator2}\` predicate must be strings.".`
    );
  }
  const values = stringSteps.map((s) => s.value);
  textPredicates[index].push((captures) => {
    const nodes = [];
    for (const c of captures) {
      if (c.name === captureName) nodes.push(c.node.text);
    }
    if (nodes.length === 0) return !isPositive;
    return nodes.every((text) => values.includes(text)) === isPositive;
  });
}
__name(parseAnyOfPredicate, "parseAnyOfPredicate");
function parseIsPredicate(steps, index, operator2, assertedProperties, refutedProperties) {
  if (steps.length < 2 || steps.length > 3) {
    throw new Error(
      `Wrong number of arguments to \`#${operator2}\` predicate. Expected 1 or 2. Got ${steps.length - 1}.`
    );
  }
  if (!steps.every(isStringStep)) {
    throw new Error(
      `Arguments to \`#${operator2}\` predicate must be strings.".`
    );
  }
  const properties = operator2 === "is?" ? assertedProperties : refutedProperties;
  if (!properties[index]) properties[index] = {};
  properties[index][steps[1].value] = steps[2]?.value ?? null;
}
__name(parseIsPredicate, "parseIsPredicate");
function parseSetDirective(steps, index, setProperties) {
  if (steps.length < 2 || steps.length > 3) {
    throw new Error(`Wrong number of arguments to \`#set!\` predicate. Expected 1 or 2. Got ${steps.length - 1}.`);
  }
  if (!steps.every(isStringStep)) {
    throw new Error(`Arguments to \`#set!\` predicate must be strings.".`);
  }
  if (!setProperties[index]) setProperties[index] = {};
  setProperties[index][steps[1].value] = steps[2]?.value ?? null;
}
__name(parseSetDirective, "parseSetDirective");
function parsePattern(index, stepType, stepValueId, captureNames, stringValues, steps, textPredicates, predicates, setProperties, assertedProperties, refutedProperties) {
  if (stepType === PREDICATE_STEP_TYPE_CAPTURE) {
    const name2 = captureNames[stepValueId];
    steps.push({ type: "capture", name: name2 });
  } else if (stepType === PREDICATE_STEP_TYPE_STRING) {
    steps.push({ type: "string", value: stringValues[stepValueId] });
  } else if (steps.length > 0) {
    if (steps[0].type !== "string") {
      throw new Error("Predicates must begin with a literal value");
    }
    const operator2 = steps[0].value;
    switch (operator2) {
      case "any-not-eq?":
      case "not-eq?":
      case "any-eq?":
      case "eq?":
        parseAnyPredicate(steps, index, operator2, textPredicates);
        break;
      case "any-not-match?":
      case "not-match?":
      case "any-match?":
      case "match?":
        parseMatchPredicate(steps, index, operator2, textPredicates);
        break;
      case "not-any-of?":
      case "any-of?":
        parseAnyOfPredicate(steps, index, operator2, textPredicates);
        break;
      case "is?":
      case "is-not?":
        parseIsPredicate(steps, index, operator2, assertedProperties, refutedProperties);
        break;
      case "set!":
        parseSetDirective(steps, index, setProperties);
        break;
      default:
        predicates[index].push({ operator: operator2, operands: steps.slice(1) });
    }
    steps.length = 0;
  }
}
__name(parsePattern, "parsePattern");
var finalizer5 = newFinalizer((address) => {
  C._ts_query_delete(address);
});
var Query = class {
  static {
    __name(this, "Query");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  exceededMatchLimit;
  /** @internal */
  textPredicates;
  /** The names of the captures used in the query. */
  captureNames;
  /** The quantifiers of the captures used in the query. */
  captureQuantifiers;
  /**
   * The other user-defined predicates associated with the given index.
   *
   * This includes predicates with operators other than:
   * - `match?`
   * - `eq?` and `not-eq?`
   * - `any-of?` and `not-any-of?`
   * - `is?` and `is-not?`
   * - `set!`
   */
  predicates;
  /** The properties for predicates with the operator `set!`. */
  setProperties;
  /** The properties for predicates with the operator `is?`. */
  assertedProperties;
  /** The properties for predicates with the operator `is-not?`. */
  refutedProperties;
  /** The maximum number of in-progress matches for this cursor. */
  matchLimit;
  /**
   * Create a new query from a string containing one or more S-expression
   * patterns.
   *
   * The query is associated with a particular language, and can only be run
   * on syntax nodes parsed with that language. References to Queries can be
   * shared between multiple threads.
   *
   * @link {@see https://tree-sitter.github.io/tree-sitter/using-parsers/queries}
   */
  constructor(language, source) {
    const sourceLength = C.lengthBytesUTF8(source);
    const sourceAddress = C._malloc(sourceLength + 1);
    C.stringToUTF8(source, sourceAddress, sourceLength + 1);
    const address = C._ts_query_new(
      language[0],
      sourceAddress,
      sourceLength,
      TRANSFER_BUFFER,
      TRANSFER_BUFFER + SIZE_OF_INT
    );
    if (!address) {
      const errorId = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
      const errorByte = C.getValue(TRANSFER_BUFFER, "i32");
      const errorIndex = C.UTF8ToString(sourceAddress, errorByte).length;
      const suffix = source.slice(errorIndex, errorIndex + 100).split("\n")[0];
      const word = suffix.match(QUERY_WORD_REGEX)?.[0] ?? "";
      C._free(sourceAddress);
      switch (errorId) {
        case QueryErrorKind.Syntax:
          throw new QueryError(QueryErrorKind.Syntax, { suffix: `${errorIndex}: '${suffix}'...` }, errorIndex, 0);
        case QueryErrorKind.NodeName:
          throw new QueryError(errorId, { word }, errorIndex, word.length);
        case QueryErrorKind.FieldName:
          throw new QueryError(errorId, { word }, errorIndex, word.length);
        case QueryErrorKind.CaptureName:
          throw new QueryError(errorId, { word }, errorIndex, word.length);
        case QueryErrorKind.PatternStructure:
          throw new QueryError(errorId, { suffix: `${errorIndex}: '${suffix}'...` }, errorIndex, 0);
      }
    }
    const stringCount = C._ts_query_string_count(address);
    const captureCount = C._ts_query_capture_count(address);
    const patternCount = C._ts_query_pattern_count(address);
    const captureNames = new Array(captureCount);
    const captureQuantifiers = new Array(patternCount);
    const stringValues = new Array(stringCount);
    for (let i2 = 0; i2 < captureCount; i2++) {
      const nameAddress = C._ts_query_capture_name_for_id(
        address,
        i2,
        TRANSFER_BUFFER
      );
      const nameLength = C.getValue(TRANSFER_BUFFER, "i32");
      captureNames[i2] = C.UTF8ToString(nameAddress, nameLength);
    }
    for (let i2 = 0; i2 < patternCount; i2++) {
      const captureQuantifiersArray = new Array(captureCount);
      for (let j = 0; j < captureCount; j++) {
        const quantifier = C._ts_query_capture_quantifier_for_id(address, i2, j);
        captureQuantifiersArray[j] = quantifier;
      }
      captureQuantifiers[i2] = captureQuantifiersArray;
    }
    for (let i2 = 0; i2 < stringCount; i2++) {
      const valueAddress = C._ts_query_string_value_for_id(
        address,
        i2,
        TRANSFER_BUFFER
      );
      const nameLength = C.getValue(TRANSFER_BUFFER, "i32");
      stringValues[i2] = C.UTF8ToString(valueAddress, nameLength);
    }
    const setProperties = new Array(patternCount);
    const assertedProperties = new Array(patternCount);
    const refutedProperties = new Array(patternCount);
    const predicates = new Array(patternCount);
    const textPredicates = new Array(patternCount);
    for (let i2 = 0; i2 < patternCount; i2++) {
      const predicatesAddress = C._ts_query_predicates_for_pattern(address, i2, TRANSFER_BUFFER);
      const stepCount = C.getValue(TRANSFER_BUFFER, "i32");
      predicates[i2] = [];
      textPredicates[i2] = [];
      const steps = new Array();
      let stepAddress = predicatesAddress;
      for (let j = 0; j < stepCount; j++) {
        const stepType = C.getValue(stepAddress, "i32");
        stepAddress += SIZE_OF_INT;
        const stepValueId = C.getValue(stepAddress, "i32");
        stepAddress += SIZE_OF_INT;
        parsePattern(
          i2,
          stepType,
          stepValueId,
          captureNames,
          stringValues,
          steps,
          textPredicates,
          predicates,
          setProperties,
          assertedProperties,
          refutedProperties
        );
      }
      Object.freeze(textPredicates[i2]);
      Object.freeze(predicates[i2]);
      Object.freeze(setProperties[i2]);
      Object.freeze(assertedProperties[i2]);
      Object.freeze(refutedProperties[i2]);
    }
    C._free(sourceAddress);
    this[0] = address;
    this.captureNames = captureNames;
    this.captureQuantifiers = captureQuantifiers;
    this.textPredicates = textPredicates;
    this.predicates = predicates;
    this.setProperties = setProperties;
    this.assertedProperties = assertedProperties;
    this.refutedProperties = refutedProperties;
    this.exceededMatchLimit = false;
    finalizer5?.register(this, address, this);
  }
  /** Delete the query, freeing its resources. */
  delete() {
    finalizer5?.unregister(this);
    C._ts_query_delete(this[0]);
    this[0] = 0;
  }
  /**
   * Iterate over all of the matches in the order that they were found.
   *
   * Each match contains the index of the pattern that matched, and a list of
   * captures. Because multiple patterns can match the same set of nodes,
   * one match may contain captures that appear *before* some of the
   * captures from a previous match.
   *
   * @param {Node} node - The node to execute the query on.
   *
   * @param {QueryOptions} options - Options for query execution.
   */
  matches(node, options = {}) {
    const startPosition = options.startPosition ?? ZERO_POINT;
    const endPosition = options.endPosition ?? ZERO_POINT;
    const startIndex = options.startIndex ?? 0;
    const endIndex = options.endIndex ?? 0;
    const startContainingPosition = options.startContainingPosition ?? ZERO_POINT;
    const endContainingPosition = options.endContainingPosition ?? ZERO_POINT;
    const startContainingIndex = options.startContainingIndex ?? 0;
    const endContainingIndex = options.endContainingIndex ?? 0;
    const matchLimit = options.matchLimit ?? 4294967295;
    const maxStartDepth = options.maxStartDepth ?? 4294967295;
    const progressCallback = options.progressCallback;
    if (typeof matchLimit !== "number") {
      throw new Error("Arguments must be numbers");
    }
    this.matchLimit = matchLimit;
    if (endIndex !== 0 && startIndex > endIndex) {
      throw new Error("`startIndex` cannot be greater than `endIndex`");
    }
    if (endPosition !== ZERO_POINT && (startPosition.row > endPosition.row || startPosition.row === endPosition.row && startPosition.column > endPosition.column)) {
      throw new Error("`startPosition` cannot be greater than `endPosition`");
    }
    if (endContainingIndex !== 0 && startContainingIndex > endContainingIndex) {
      throw new Error("`startContainingIndex` cannot be greater than `endContainingIndex`");
    }
    if (endContainingPosition !== ZERO_POINT && (startContainingPosition.row > endContainingPosition.row || startContainingPosition.row === endContainingPosition.row && startContainingPosition.column > endContainingPosition.column)) {
      throw new Error("`startContainingPosition` cannot be greater than `endContainingPosition`");
    }
    if (progressCallback) {
      C.currentQueryProgressCallback = progressCallback;
    }
    marshalNode(node);
    C._ts_query_matches_wasm(
      this[0],
      node.tree[0],
      startPosition.row,
      startPosition.column,
      endPosition.row,
      endPosition.column,
      startIndex,
      endIndex,
      startContainingPosition.row,
      startContainingPosition.column,
      endContainingPosition.row,
      endContainingPosition.column,
      startContainingIndex,
      endContainingIndex,
      matchLimit,
      maxStartDepth
    );
    const rawCount = C.getValue(TRANSFER_BUFFER, "i32");
    const startAddress = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const didExceedMatchLimit = C.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
    const result = new Array(rawCount);
    this.exceededMatchLimit = Boolean(didExceedMatchLimit);
    let filteredCount = 0;
    let address = startAddress;
    for (let i2 = 0; i2 < rawCount; i2++) {
      const patternIndex = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captureCount = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captures = new Array(captureCount);
      address = unmarshalCaptures(this, node.tree, address, patternIndex, captures);
      if (this.textPredicates[patternIndex].every((p) => p(captures))) {
        result[filteredCount] = { patternIndex, captures };
        const setProperties = this.setProperties[patternIndex];
        result[filteredCount].setProperties = setProperties;
        const assertedProperties = this.assertedProperties[patternIndex];
        result[filteredCount].assertedProperties = assertedProperties;
        const refutedProperties = this.refutedProperties[patternIndex];
        result[filteredCount].refutedProperties = refutedProperties;
        filteredCount++;
      }
    }
    result.length = filteredCount;
    C._free(startAddress);
    C.currentQueryProgressCallback = null;
    return result;
  }
  /**
   * Iterate over all of the individual captures in the order that they
   * appear.
   *
   * This is useful if you don't care about which pattern matched, and just
   * want a single, ordered sequence of captures.
   *
   * @param {Node} node - The node to execute the query on.
   *
   * @param {QueryOptions} options - Options for query execution.
   */
  captures(node, options = {}) {
    const startPosition = options.startPosition ?? ZERO_POINT;
    const endPosition = options.endPosition ?? ZERO_POINT;
    const startIndex = options.startIndex ?? 0;
    const endIndex = options.endIndex ?? 0;
    const startContainingPosition = options.startContainingPosition ?? ZERO_POINT;
    const endContainingPosition = options.endContainingPosition ?? ZERO_POINT;
    const startContainingIndex = options.startContainingIndex ?? 0;
    const endContainingIndex = options.endContainingIndex ?? 0;
    const matchLimit = options.matchLimit ?? 4294967295;
    const maxStartDepth = options.maxStartDepth ?? 4294967295;
    const progressCallback = options.progressCallback;
    if (typeof matchLimit !== "number") {
      throw new Error("Arguments must be numbers");
    }
    this.matchLimit = matchLimit;
    if (endIndex !== 0 && startIndex > endIndex) {
      throw new Error("`startIndex` cannot be greater than `endIndex`");
    }
    if (endPosition !== ZERO_POINT && (startPosition.row > endPosition.row || startPosition.row === endPosition.row && startPosition.column > endPosition.column)) {
      throw new Error("`startPosition` cannot be greater than `endPosition`");
    }
    if (endContainingIndex !== 0 && startContainingIndex > endContainingIndex) {
      throw new Error("`startContainingIndex` cannot be greater than `endContainingIndex`");
    }
    if (endContainingPosition !== ZERO_POINT && (startContainingPosition.row > endContainingPosition.row || startContainingPosition.row === endContainingPosition.row && startContainingPosition.column > endContainingPosition.column)) {
      throw new Error("`startContainingPosition` cannot be greater than `endContainingPosition`");
    }
    if (progressCallback) {
      C.currentQueryProgressCallback = progressCallback;
    }
    marshalNode(node);
    C._ts_query_captures_wasm(
      this[0],
      node.tree[0],
      startPosition.row,
      startPosition.column,
      endPosition.row,
      endPosition.column,
      startIndex,
      endIndex,
      startContainingPosition.row,
      startContainingPosition.column,
      endContainingPosition.row,
      endContainingPosition.column,
      startContainingIndex,
      endContainingIndex,
      matchLimit,
      maxStartDepth
    );
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const startAddress = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const didExceedMatchLimit = C.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
    const result = new Array();
    this.exceededMatchLimit = Boolean(didExceedMatchLimit);
    const captures = new Array();
    let address = startAddress;
    for (let i2 = 0; i2 < count; i2++) {
      const patternIndex = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captureCount = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captureIndex = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      captures.length = captureCount;
      address = unmarshalCaptures(this, node.tree, address, patternIndex, captures);
      if (this.textPredicates[patternIndex].every((p) => p(captures))) {
        const capture = captures[captureIndex];
        const setProperties = this.setProperties[patternIndex];
        capture.setProperties = setProperties;
        const assertedProperties = this.assertedProperties[patternIndex];
        capture.assertedProperties = assertedProperties;
        const refutedProperties = this.refutedProperties[patternIndex];
        capture.refutedProperties = refutedProperties;
        result.push(capture);
      }
    }
    C._free(startAddress);
    C.currentQueryProgressCallback = null;
    return result;
  }
  /** Get the predicates for a given pattern. */
  predicatesForPattern(patternIndex) {
    return this.predicates[patternIndex];
  }
  /**
   * Disable a certain capture within a query.
   *
   * This prevents the capture from being returned in matches, and also
   * avoids any resource usage associated with recording the capture.
   */
  disableCapture(captureName) {
    const captureNameLength = C.lengthBytesUTF8(captureName);
    const captureNameAddress = C._malloc(captureNameLength + 1);
    C.stringToUTF8(captureName, captureNameAddress, captureNameLength + 1);
    C._ts_query_disable_capture(this[0], captureNameAddress, captureNameLength);
    C._free(captureNameAddress);
  }
  /**
   * Disable a certain pattern within a query.
   *
   * This prevents the pattern from matching, and also avoids any resource
   * usage associated with the pattern. This throws an error if the pattern
   * index is out of bounds.
   */
  disablePattern(patternIndex) {
    if (patternIndex >= this.predicates.length) {
      throw new Error(
        `Pattern index is ${patternIndex} but the pattern count is ${this.predicates.length}`
      );
    }
    C._ts_query_disable_pattern(this[0], patternIndex);
  }
  /**
   * Check if, on its last execution, this cursor exceeded its maximum number
   * of in-progress matches.
   */
  didExceedMatchLimit() {
    return this.exceededMatchLimit;
  }
  /** Get the byte offset where the given pattern starts in the query's source. */
  startIndexForPattern(patternIndex) {
    if (patternIndex >= this.predicates.length) {
      throw new Error(
        `Pattern index is ${patternIndex} but the pattern count is ${this.predicates.length}`
      );
    }
    return C._ts_query_start_byte_for_pattern(this[0], patternIndex);
  }
  /** Get the byte offset where the given pattern ends in the query's source. */
  endIndexForPattern(patternIndex) {
    if (patternIndex >= this.predicates.length) {
      throw new Error(
        `Pattern index is ${patternIndex} but the pattern count is ${this.predicates.length}`
      );
    }
    return C._ts_query_end_byte_for_pattern(this[0], patternIndex);
  }
  /** Get the number of patterns in the query. */
  patternCount() {
    return C._ts_query_pattern_count(this[0]);
  }
  /** Get the index for a given capture name. */
  captureIndexForName(captureName) {
    return this.captureNames.indexOf(captureName);
  }
  /** Check if a given pattern within a query has a single root node. */
  isPatternRooted(patternIndex) {
    return C._ts_query_is_pattern_rooted(this[0], patternIndex) === 1;
  }
  /** Check if a given pattern within a query has a single root node. */
  isPatternNonLocal(patternIndex) {
    return C._ts_query_is_pattern_non_local(this[0], patternIndex) === 1;
  }
  /**
   * Check if a given step in a query is 'definite'.
   *
   * A query step is 'definite' if its parent pattern will be guaranteed to
   * match successfully once it reaches the step.
   */
  isPatternGuaranteedAtStep(byteIndex) {
    return C._ts_query_is_pattern_guaranteed_at_step(this[0], byteIndex) === 1;
  }
};

// src/assets.ts
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
function distFile(name2) {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, name2), join(dirname(here), name2)].find((path) => existsSync(path));
}

// src/analysis/languages/python.ts
function wasmPath(file) {
  const bundled = distFile(file);
  if (bundled) return bundled;
  const require2 = createRequire(import.meta.url);
  return file === "web-tree-sitter.wasm" ? require2.resolve("web-tree-sitter/web-tree-sitter.wasm") : join2(dirname2(require2.resolve("tree-sitter-python/package.json")), file);
}
var parserPromise;
function pythonParser() {
  parserPromise ??= (async () => {
    const binding = { locateFile: () => wasmPath("web-tree-sitter.wasm") };
    await Parser.init(binding);
    readInt32First(binding);
    const language = await Language.load(wasmPath("tree-sitter-python.wasm"));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}
function readInt32First(module2) {
  const { setValue: setValue2, getValue: getValue2 } = module2;
  if (typeof setValue2 !== "function" || typeof getValue2 !== "function" || !(module2.HEAP_DATA_VIEW instanceof DataView)) return;
  module2.setValue = (pointer, value, type) => {
    if (type === "i32") module2.HEAP_DATA_VIEW.setInt32((pointer >> 2) * 4, value, true);
    else setValue2(pointer, value, type);
  };
  module2.getValue = (pointer, type) => type === "i32" ? module2.HEAP_DATA_VIEW.getInt32((pointer >> 2) * 4, true) : getValue2(pointer, type);
}
var sources = /* @__PURE__ */ new WeakMap();
var editorTrees = /* @__PURE__ */ new Map();
var EDITOR_TREES = 16;
async function parsePython(path, source, reuseTree = false) {
  const parser = await pythonParser();
  const kept = reuseTree ? editorTrees.get(path) : void 0;
  const parsed = blankCommentLines(source);
  if (kept) kept.tree.edit(editBetween(kept.parsed, parsed));
  let text = parsed;
  const tree = parser.parse((index) => text.slice(index), kept?.tree);
  text = source;
  if (!tree) throw new Error(`tree-sitter returned no tree for ${path}`);
  if (reuseTree) {
    kept?.tree.delete();
    editorTrees.delete(path);
    editorTrees.set(path, { parsed, tree: tree.copy() });
    for (const [oldest, entry] of editorTrees) {
      if (editorTrees.size <= EDITOR_TREES) break;
      entry.tree.delete();
      editorTrees.delete(oldest);
    }
  }
  sources.set(tree, source);
  const root = tree.rootNode;
  roots.set(tree, root);
  return { path, source, tree, root };
}
function blankCommentLines(source) {
  const kept = [];
  let copied = 0;
  let i2 = 0;
  let lineStart = true;
  while (i2 < source.length) {
    if (lineStart) {
      lineStart = false;
      let first = i2;
      while (source[first] === " " || source[first] === "	" || source[first] === "\f") first++;
      if (source[first] === "#") {
        let end = source.indexOf("\n", first);
        if (end === -1) end = source.length;
        if (source[end - 1] === "\r") end--;
        kept.push(source.slice(copied, i2), " ".repeat(end - i2));
        copied = i2 = end;
        continue;
      }
      i2 = first;
      continue;
    }
    const char = source[i2];
    if (char === "\n") {
      lineStart = true;
      i2++;
    } else if (char === "#") {
      const end = source.indexOf("\n", i2);
      i2 = end === -1 ? source.length : end;
    } else if (char === '"' || char === "'") {
      i2 = stringEnd(source, i2);
    } else {
      i2++;
    }
  }
  return copied === 0 ? source : kept.join("") + source.slice(copied);
}
function stringEnd(source, start2) {
  const quote = source[start2];
  if (source.startsWith(quote.repeat(3), start2)) {
    for (let at = source.indexOf(quote.repeat(3), start2 + 3); at !== -1; at = source.indexOf(quote.repeat(3), at + 1)) {
      let backslashes = 0;
      while (source[at - 1 - backslashes] === "\\") backslashes++;
      if (backslashes % 2 === 0) return at + 3;
    }
    return source.length;
  }
  for (let i2 = start2 + 1; i2 < source.length; i2++) {
    if (source[i2] === "\\") i2++;
    else if (source[i2] === quote) return i2 + 1;
    else if (source[i2] === "\n") return i2;
  }
  return source.length;
}
function editBetween(before, after) {
  const shorter = Math.min(before.length, after.length);
  let start2 = 0;
  while (start2 < shorter && before.charCodeAt(start2) === after.charCodeAt(start2)) start2++;
  let end = 0;
  while (end < shorter - start2 && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  const pointAt = (text, index) => {
    const lineStart = text.lastIndexOf("\n", index - 1) + 1;
    let row = 0;
    for (let i2 = text.indexOf("\n"); i2 !== -1 && i2 < index; i2 = text.indexOf("\n", i2 + 1)) row++;
    return { row, column: index - lineStart };
  };
  return new Edit({
    startIndex: start2,
    oldEndIndex: before.length - end,
    newEndIndex: after.length - end,
    startPosition: pointAt(before, start2),
    oldEndPosition: pointAt(before, before.length - end),
    newEndPosition: pointAt(after, after.length - end)
  });
}
function firstSyntaxError(root) {
  if (!root.hasError) return void 0;
  const stack = [root];
  while (stack.length) {
    const node = stack.pop();
    if (node.type === "ERROR" || node.isMissing) return node;
    for (let i2 = node.childCount - 1; i2 >= 0; i2--) {
      const child = node.child(i2);
      if (child && (child.hasError || child.isMissing)) stack.push(child);
    }
  }
  return void 0;
}
function rangeOf(node) {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1
  };
}
function descendants(node, ...types) {
  return within(node, types.map((type) => nodesOfType(node.tree, type)));
}
function within(node, lists) {
  const found = [];
  const { startIndex: start2, endIndex: end } = node;
  for (const nodes of lists) {
    let low = 0;
    let high = nodes.length;
    while (low < high) {
      const mid = low + high >>> 1;
      if (nodes[mid].startIndex < start2) low = mid + 1;
      else high = mid;
    }
    for (let i2 = low; i2 < nodes.length && nodes[i2].startIndex <= end; i2++) {
      const candidate = nodes[i2];
      const inside = candidate.startIndex > start2 && candidate.startIndex < end || candidate.endIndex <= end && isWithin(candidate, node);
      if (inside) found.push(candidate);
    }
  }
  if (lists.length > 1) found.sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
  return found;
}
var nodesByType = /* @__PURE__ */ new WeakMap();
var askedTypes = /* @__PURE__ */ new Set();
var FETCHED_ALONE = /* @__PURE__ */ new Set(["identifier"]);
function nodesOfType(tree, type) {
  let byType = nodesByType.get(tree);
  if (!byType) nodesByType.set(tree, byType = /* @__PURE__ */ new Map());
  if (!byType.has(type)) {
    const alone = FETCHED_ALONE.has(type);
    if (!alone) askedTypes.add(type);
    const fetched = alone ? [type] : [...askedTypes].filter((t) => !byType.has(t));
    for (const t of fetched) byType.set(t, []);
    for (const node of tree.rootNode.descendantsOfType(fetched)) if (node) byType.get(node.type).push(node);
  }
  return byType.get(type);
}
function isWithin(candidate, node) {
  if (candidate.startIndex > node.startIndex || candidate.endIndex < node.endIndex) return true;
  for (let p = candidate; p; p = p.parent) if (p.id === node.id) return true;
  return false;
}
var calleeNames = /* @__PURE__ */ new WeakMap();
function calleeName(call) {
  let name2 = calleeNames.get(call);
  if (name2 === void 0) {
    const fn = call.childForFieldName("function");
    name2 = fn && (fn.type === "identifier" || fn.type === "attribute") ? fn.text : "";
    calleeNames.set(call, name2);
  }
  return name2;
}
function calleeMethod(call) {
  const name2 = calleeName(call);
  return name2.slice(name2.lastIndexOf(".") + 1);
}
function callsNamed(node, ...names) {
  const byMethod = callsByMethod(node.tree);
  return within(node, [...new Set(names)].map((name2) => byMethod.get(name2) ?? []));
}
var callsByMethodOf = /* @__PURE__ */ new WeakMap();
var PLAIN_CALLEE = /[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*(?=\()/y;
function callsByMethod(tree) {
  let byMethod = callsByMethodOf.get(tree);
  if (!byMethod) {
    callsByMethodOf.set(tree, byMethod = /* @__PURE__ */ new Map());
    const source = sources.get(tree);
    const calls = nodesOfType(tree, "call");
    for (let i2 = 0; i2 < calls.length; i2++) {
      const call = calls[i2];
      PLAIN_CALLEE.lastIndex = call.startIndex;
      const plain = calls[i2 + 1]?.startIndex !== call.startIndex ? PLAIN_CALLEE.exec(source)?.[0] : void 0;
      if (plain !== void 0) calleeNames.set(call, plain);
      const method = calleeMethod(call);
      const named = byMethod.get(method);
      if (named) named.push(call);
      else byMethod.set(method, [call]);
    }
  }
  return byMethod;
}
function positionalArguments(call) {
  const args2 = call.childForFieldName("arguments");
  if (!args2) return [];
  return args2.namedChildren.filter(
    (n) => n !== null && n.type !== "keyword_argument" && n.type !== "comment" && n.type !== "dictionary_splat" && n.type !== "list_splat"
  );
}
function keywordArgument(call, name2) {
  const args2 = call.childForFieldName("arguments");
  for (const arg of args2?.namedChildren ?? []) {
    if (arg?.type === "keyword_argument" && arg.childForFieldName("name")?.text === name2) {
      return arg.childForFieldName("value") ?? void 0;
    }
  }
  return void 0;
}
function splatArguments(call) {
  const args2 = call.childForFieldName("arguments");
  return (args2?.namedChildren ?? []).filter((n) => n?.type === "dictionary_splat").map((n) => n.namedChild(0)).filter((n) => n !== null);
}
var NESTING_TYPES = /* @__PURE__ */ new Set(["function_definition", "class_definition", "lambda", "assert_statement"]);
function enclosing(node, ...types) {
  if (!types.every((type) => NESTING_TYPES.has(type))) {
    for (let p = node.parent; p; p = p.parent) if (types.includes(p.type)) return p;
    return void 0;
  }
  let inner;
  for (const type of types) {
    const found = innermost(node, type);
    if (found && (!inner || found.startIndex > inner.startIndex)) inner = found;
  }
  return inner;
}
var nestings = /* @__PURE__ */ new WeakMap();
function nestingOf(tree, type) {
  let byType = nestings.get(tree);
  if (!byType) nestings.set(tree, byType = /* @__PURE__ */ new Map());
  let nesting = byType.get(type);
  if (!nesting) {
    const nodes = nodesOfType(tree, type);
    const parents = [];
    const open = [];
    nodes.forEach((node, i2) => {
      while (open.length > 0 && nodes[open.at(-1)].endIndex <= node.startIndex) open.pop();
      parents.push(open.at(-1) ?? -1);
      open.push(i2);
    });
    byType.set(type, nesting = { nodes, parents });
  }
  return nesting;
}
function innermost(node, type) {
  const { nodes, parents } = nestingOf(node.tree, type);
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const mid = low + high >>> 1;
    if (nodes[mid].startIndex <= node.startIndex) low = mid + 1;
    else high = mid;
  }
  for (let i2 = low - 1; i2 >= 0; i2 = parents[i2]) {
    const candidate = nodes[i2];
    if (candidate.id !== node.id && candidate.endIndex >= node.endIndex && isWithin(node, candidate)) return candidate;
  }
  return void 0;
}
function enclosingFunction(node) {
  return innermost(node, "function_definition");
}
var roots = /* @__PURE__ */ new WeakMap();
function enclosingScope(node) {
  return enclosing(node, "function_definition", "lambda") ?? roots.get(node.tree);
}
var DEF_HEADER = /(?:async\s+)?def\s+/y;
function functionNameStartsWith(fn, prefix) {
  DEF_HEADER.lastIndex = fn.startIndex;
  const source = sourceOf(fn);
  return DEF_HEADER.test(source) && source.startsWith(prefix, DEF_HEADER.lastIndex);
}
function functionName(fn) {
  return fn.childForFieldName("name")?.text ?? "";
}
function literalTruth(node) {
  switch (node.type) {
    case "true":
      return true;
    case "false":
    case "none":
      return false;
    case "integer":
    case "float":
      return Number(node.text.replace(/_/g, "")) !== 0;
    case "string":
      return node.namedChildren.some((c) => c?.type === "string_content" || c?.type === "interpolation");
    case "parenthesized_expression":
      return node.namedChild(0) ? literalTruth(node.namedChild(0)) : void 0;
    default:
      return void 0;
  }
}
function assignmentsTo(scope, name2) {
  const body2 = scope.type === "function_definition" ? scope.childForFieldName("body") : scope;
  if (!body2) return [];
  return descendants(body2, "assignment", "augmented_assignment").filter((assignment) => startsWithText(assignment, name2) && assignment.childForFieldName("left")?.text === name2 && !isInNestedDefinition(assignment, body2));
}
function sourceOf(node) {
  return sources.get(node.tree);
}
function startsWithText(node, prefix) {
  return sourceOf(node).startsWith(prefix, node.startIndex);
}
function isInNestedDefinition(node, top) {
  const definition = enclosing(node, "function_definition", "class_definition");
  if (!definition || definition.id === top.id) return false;
  return definition.startIndex > top.startIndex || definition.startIndex === top.startIndex && isWithin(definition, top);
}
function isInTestCode(node) {
  if (enclosing(node, "assert_statement")) return true;
  for (let scope = enclosing(node, "function_definition", "class_definition"); scope; scope = enclosing(scope, "function_definition", "class_definition")) {
    if (/^test|^Test/.test(functionName(scope))) return true;
  }
  return false;
}
function parametersOf(fn) {
  const out2 = [];
  for (const param of fn.childForFieldName("parameters")?.namedChildren ?? []) {
    if (!param) continue;
    if (param.type === "identifier") out2.push({ name: param.text });
    else if (param.type === "default_parameter" || param.type === "typed_default_parameter") {
      const name2 = param.childForFieldName("name");
      const value = param.childForFieldName("value");
      if (name2) out2.push({ name: name2.text, ...value ? { defaultValue: value } : {} });
    } else {
      const name2 = descendants(param, "identifier")[0];
      if (name2) out2.push({ name: name2.text });
    }
  }
  return out2;
}
function ownDescendants(fn, ...types) {
  return descendants(fn, ...types).filter((node) => node.id !== fn.id && enclosingScope(node).id === fn.id);
}
function stringValue(node) {
  if (node?.type !== "string" || node.namedChildren.some((c) => c?.type === "interpolation")) return void 0;
  return node.namedChildren.filter((c) => c?.type === "string_content").map((c) => c.text).join("");
}
var VALUE_WRAPPERS = ["list", "tensor", "as_tensor", "array", "asarray", "LongTensor", "BoolTensor"];
function isTokenizerCall(call) {
  const method = calleeMethod(call);
  return method === "encode" || /tokenizer$/i.test(method);
}
function onesExpression(node) {
  const lengthOf = (n) => n?.type === "call" && calleeName(n) === "len" ? positionalArguments(n)[0] : void 0;
  const isOne = (n) => n?.type === "true" || n?.type === "integer" && n.text === "1";
  switch (node.type) {
    case "list": {
      const items = node.namedChildren.filter((c) => c !== null);
      return items.length > 0 && items.every(isOne) ? { flips: items } : void 0;
    }
    case "binary_operator": {
      if (node.childForFieldName("operator")?.type !== "*") return void 0;
      const [left, right] = [node.childForFieldName("left"), node.childForFieldName("right")];
      const list = left?.type === "list" ? left : right?.type === "list" ? right : void 0;
      const ones = list && onesExpression(list);
      const size = list === left ? right : left;
      return ones && { flips: ones.flips, sizedLike: lengthOf(size) };
    }
    case "list_comprehension": {
      const body2 = node.childForFieldName("body");
      const loop = node.namedChildren.find((c) => c?.type === "for_in_clause");
      return body2 && isOne(body2) ? { flips: [body2], sizedLike: loop?.childForFieldName("right") ?? void 0 } : void 0;
    }
    case "call": {
      const callee = node.childForFieldName("function");
      const name2 = callee?.type === "attribute" ? callee.childForFieldName("attribute") : callee;
      const method = name2?.text ?? "";
      if (method !== "ones_like" && method !== "ones" && !VALUE_WRAPPERS.includes(method)) return void 0;
      const first = positionalArguments(node)[0];
      if (method === "ones_like") return { flips: [name2], sizedLike: first };
      if (method === "ones") return { flips: [name2], sizedLike: lengthOf(first) };
      return first ? onesExpression(first) : void 0;
    }
    default:
      return void 0;
  }
}

// src/analysis/names.ts
function nameWords(name2) {
  return name2.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().split(/_+/).filter(Boolean);
}
var GENERATION_CALLS = [
  "generate",
  "agenerate",
  "async_generate",
  "generate_async",
  "generate_sequences",
  "generate_batch"
];
var TEST_PATH = /(?:^|\/)(?:tests?|__tests__)\/|(?:^|\/)(?:test_[^/]*|conftest\.py)$|_test\.py$|\.(?:test|spec)\.[cm]?[jt]sx?$/;

// src/analysis/languages/typescript.ts
var projectPromise;
function typescriptProject() {
  projectPromise ??= import("./ts-morph-JVNEI2KW.js").then((module2) => {
    const morph = "Project" in module2 ? module2 : module2.default;
    return {
      morph,
      project: new morph.Project({
        useInMemoryFileSystem: true,
        skipLoadingLibFiles: true,
        compilerOptions: { allowJs: true, noResolve: true }
      })
    };
  });
  return projectPromise;
}
async function parseTypeScript(path, source) {
  const { morph, project } = await typescriptProject();
  const sourceFile = project.createSourceFile(`/${path}`, source, { overwrite: true });
  return { path, source, sourceFile, morph };
}
function releaseTypeScript(file) {
  file.sourceFile.getProject().removeSourceFile(file.sourceFile);
}
function tsRangeOf(node) {
  const sf = node.getSourceFile();
  const start2 = sf.getLineAndColumnAtPos(node.getStart());
  const end = sf.getLineAndColumnAtPos(node.getEnd());
  return { line: start2.line, column: start2.column, endLine: end.line, endColumn: end.column };
}
function typeScriptSyntaxErrors(file) {
  const ts = file.morph.ts;
  const diagnostics = file.sourceFile.compilerNode.parseDiagnostics ?? [];
  return diagnostics.map((d) => ({
    line: d.start === void 0 ? 1 : file.sourceFile.getLineAndColumnAtPos(d.start).line,
    message: ts.flattenDiagnosticMessageText(d.messageText, "\n")
  }));
}

// src/analysis/languages/python-tensors.ts
function isInTestFunction(node) {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (functionNameStartsWith(fn, "test_")) return true;
  return false;
}
function unparenthesized(node) {
  let value = node;
  while (value.type === "parenthesized_expression" && value.namedChild(0)) value = value.namedChild(0);
  return value;
}
function operatorOf(node) {
  return node.type === "binary_operator" || node.type === "augmented_assignment" ? node.childForFieldName("operator")?.type : void 0;
}
function divisions(root) {
  return descendants(root, "binary_operator", "augmented_assignment").flatMap((node) => {
    const operator2 = operatorOf(node);
    if (operator2 !== "/" && operator2 !== "/=") return [];
    return [{ node, numerator: node.childForFieldName("left"), divisor: node.childForFieldName("right") }];
  });
}
function subjectName(node) {
  const bare = unparenthesized(node);
  switch (bare.type) {
    case "identifier":
      return bare.text;
    case "attribute":
      return bare.childForFieldName("attribute")?.text;
    case "subscript": {
      const key = bare.childForFieldName("subscript");
      if (key?.type === "string") return key.text.replace(/^[rbuf]*['"]+|['"]+$/gi, "");
      return subjectName(bare.childForFieldName("value"));
    }
    case "call": {
      const callee = bare.childForFieldName("function");
      if (callee?.type === "attribute" && VALUE_KEEPING_METHODS.has(calleeMethod(bare))) {
        return subjectName(callee.childForFieldName("object"));
      }
      return void 0;
    }
    default:
      return void 0;
  }
}
var VALUE_KEEPING_METHODS = /* @__PURE__ */ new Set([
  "float",
  "bool",
  "int",
  "long",
  "half",
  "bfloat16",
  "double",
  "to",
  "type",
  "type_as",
  "cuda",
  "cpu",
  "detach",
  "clone",
  "contiguous",
  "flatten",
  "view",
  "reshape",
  "squeeze",
  "unsqueeze",
  "view_as",
  "reshape_as",
  "ravel"
]);
function isMaskName(name2) {
  return name2 !== void 0 && nameWords(name2).some((word) => word === "mask" || word === "masks");
}
function reductionDim(call, dataIsArgument = false) {
  const keyword = keywordArgument(call, "dim") ?? keywordArgument(call, "axis");
  if (keyword) return keyword.text.replace(/\s+/g, "");
  const positional = positionalArguments(call).slice(dataIsArgument ? 1 : 0);
  const dim = positional.find((arg) => /^-?\d+$/.test(arg.text) || arg.type === "tuple");
  return dim?.text.replace(/\s+/g, "");
}
function isTokenAxis(dim) {
  return dim === "-1" || dim === "1";
}
function reducedTensor(call) {
  const callee = call.childForFieldName("function");
  if (callee?.type !== "attribute") return positionalArguments(call)[0];
  const object = callee.childForFieldName("object");
  return object.type === "identifier" && TENSOR_MODULES.has(object.text) ? positionalArguments(call)[0] : object;
}
var TENSOR_MODULES = /* @__PURE__ */ new Set(["torch", "np", "numpy", "jnp", "F", "mx", "tf", "verl_F"]);
var LOG_PROBS_FROM_LOGITS = [
  "selective_log_softmax",
  "log_probs_from_logits",
  "logprobs_from_logits",
  "logprobs_of_labels",
  "gather_log_probs",
  "vocab_parallel_log_probs_from_logits",
  "logprobs_from_logits_flash_attn",
  "logprobs_from_logits_naive",
  "logprobs_from_logits_v2",
  "get_logprobs_from_logits",
  "compute_logprobs_from_logits"
];
function isLogProbName(name2) {
  if (!name2) return false;
  const words = nameWords(name2);
  return words.some((w) => ["logprobs", "logprob", "logps", "logp"].includes(w)) || words.some((w, i2) => w === "log" && (words[i2 + 1] === "probs" || words[i2 + 1] === "prob"));
}
function isMaskSum(node) {
  const bare = unparenthesized(node);
  if (bare.type !== "call" || !["sum", "count_nonzero", "nansum"].includes(calleeMethod(bare))) return false;
  const tensor = reducedTensor(bare);
  return tensor !== void 0 && isMaskName(subjectName(tensor));
}

// src/analysis/rules/advantage-mode-mismatch.ts
var GROUP_MODES = /* @__PURE__ */ new Set(["group", "local", "grouped", "per_group", "group_std"]);
var BATCH_MODES = /* @__PURE__ */ new Set(["batch", "global", "batch_std"]);
var MESSAGE = (modes, scope, evidence) => `The \`${modes}\` branch uses ${scope === "group" ? "per-group" : "batch-wide"} statistics (\`${evidence}\`): the mode says ${scope === "group" ? "batch-wide" : "per-group"}. Swapped branches train with the other normalization while the config and the logs name this one (TRL#3992 and prime-rl#1188 shipped exactly this swap).`;
var NONE_MESSAGE = (evidence) => `The advantages are divided by a standard deviation (\`${evidence}\`) in a branch taken for \`"none"\`: with scaling off, the advantages must stay unscaled (Dr. GRPO), or the mode does nothing.`;
function comparedModes(condition) {
  if (condition.type !== "comparison_operator") return [];
  const operators = condition.children.filter((c) => c && !c.isNamed).map((c) => c.text);
  if (operators.length !== 1 || !["==", "in"].includes(operators[0])) return [];
  const right = condition.namedChild(1);
  const values = right?.type === "list" || right?.type === "tuple" || right?.type === "set" ? right.namedChildren : [right];
  return values.map((v) => stringValue(v)?.toLowerCase()).filter((v) => v !== void 0);
}
function statisticScopes(body2) {
  const found = [];
  for (const name2 of descendants(body2, "identifier")) {
    const words = nameWords(name2.text);
    if (!words.includes("std")) continue;
    if (words.some((w) => w === "global" || w === "batch")) found.push({ scope: "batch", node: name2 });
    else if (words.some((w) => w === "group" || w === "grouped" || w === "local")) found.push({ scope: "group", node: name2 });
  }
  for (const call of descendants(body2, "call")) {
    const callee = call.childForFieldName("function");
    if (callee?.type !== "attribute" || callee.childForFieldName("attribute")?.text !== "std") continue;
    const grouped = /\.(?:view|reshape|unflatten)\s*\(/.test(callee.childForFieldName("object")?.text ?? "");
    const reduced = (call.childForFieldName("arguments")?.namedChildCount ?? 0) > 0;
    if (grouped && reduced) found.push({ scope: "group", node: call });
    else if (!grouped && !reduced) found.push({ scope: "batch", node: call, weak: true });
  }
  return found;
}
function modeBranches(root) {
  return descendants(root, "if_statement", "elif_clause").flatMap((branch) => {
    const condition = branch.childForFieldName("condition");
    const body2 = branch.childForFieldName("consequence");
    const modes = condition ? comparedModes(condition) : [];
    return condition && body2 && modes.length > 0 ? [{ condition, modes, body: body2 }] : [];
  });
}
function checkPython(file) {
  const reports = [];
  for (const { condition, modes, body: body2 } of modeBranches(file.root)) {
    if (isInTestFunction(condition)) continue;
    const group = modes.some((m) => GROUP_MODES.has(m));
    const batch = modes.some((m) => BATCH_MODES.has(m));
    const label = modes.join('", "');
    if (group !== batch) {
      const scopes = statisticScopes(body2);
      const expected = group ? "group" : "batch";
      const wrong = scopes.find((s) => s.scope !== expected && !s.weak);
      if (wrong && !scopes.some((s) => s.scope === expected)) {
        reports.push({ ...rangeOf(condition), message: MESSAGE(`"${label}"`, wrong.scope, wrong.node.text) });
        continue;
      }
    }
    if (modes.includes("none")) {
      const scaled = divisions(body2).find(({ divisor }) => /\bstd\b|_std\b|\bstd_/.test(divisor.text));
      if (scaled) reports.push({ ...rangeOf(condition), message: NONE_MESSAGE(scaled.node.text) });
    }
  }
  return reports;
}
var advantageModeMismatch = {
  meta: {
    code: "RL403",
    name: "advantage-mode-mismatch",
    severity: "warning",
    summary: "A reward or advantage normalization mode's branch uses the statistics of another mode."
  },
  // Every finding compares with a mode string (`== "group"`, `in ["batch", "none"]`) and reads a `std`.
  triggers: [
    /(?:==|\bin)\s*[([{]?\s*["'](?:group|local|grouped|per_group|group_std|batch|global|batch_std|none)["']/i,
    "std"
  ],
  python: checkPython
};

// src/analysis/languages/python-flow.ts
var MUTATING_METHODS = ["append", "extend", "insert", "add", "update", "appendleft", "setdefault"];
var isLengthCall = (call) => calleeMethod(call) === "len";
var MEASURES = ["sum", "numel", "size", "shape", "count_nonzero"];
function isMeasured(value) {
  let node = value;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === "argument_list" && parent.parent && calleeMethod(parent.parent) === "len") return true;
    const chained = parent.type === "subscript" && parent.childForFieldName("value")?.id === node.id || parent.type === "attribute" && parent.childForFieldName("object")?.id === node.id || parent.type === "call" && parent.childForFieldName("function")?.id === node.id;
    if (!chained) return false;
    const attribute = parent.type === "attribute" ? parent.childForFieldName("attribute")?.text : void 0;
    if (attribute && MEASURES.includes(attribute)) return true;
  }
  return false;
}
function isOnlyMeasured(call, scope) {
  if (isMeasured(call)) return true;
  let value = call;
  while (value.parent && (value.parent.type === "attribute" && value.parent.childForFieldName("object")?.id === value.id || value.parent.type === "subscript" && value.parent.childForFieldName("value")?.id === value.id)) value = value.parent;
  const assignment = assignmentHolding(call);
  const target = assignment?.childForFieldName("left");
  if (assignment?.childForFieldName("right")?.id !== value.id || target?.type !== "identifier") return false;
  const uses = references(scope).filter(
    (ref) => ref.name === target.text && ref.node.id !== target.id && runsAfter(call, ref.node)
  );
  return uses.length > 0 && uses.every((use) => isMeasured(use.node) || isIteratedToMeasure(use.node));
}
function isIteratedToMeasure(value) {
  const clause = value.parent;
  const variable = clause?.type === "for_in_clause" && clause.childForFieldName("right")?.id === value.id ? clause.childForFieldName("left") : void 0;
  if (variable?.type !== "identifier" || !clause?.parent) return false;
  const uses = descendants(clause.parent, "identifier").filter((n) => n.text === variable.text && n.id !== variable.id);
  return uses.length > 0 && uses.every(isMeasured);
}
function stringKey(node) {
  if (node?.type !== "string" || node.namedChildren.some((c) => c?.type === "interpolation")) return void 0;
  return node.namedChildren.filter((c) => c?.type === "string_content").map((c) => c.text).join("");
}
function nameOf(node) {
  if (node.type === "identifier" || node.type === "attribute") return node.text;
  return node.type === "subscript" ? subscriptName(node) : void 0;
}
function subscriptName(node) {
  const key = stringKey(node.childForFieldName("subscript"));
  const container = node.childForFieldName("value");
  return key !== void 0 && (container?.type === "identifier" || container?.type === "attribute") ? `${container.text}[${JSON.stringify(key)}]` : void 0;
}
function isFieldOrKeywordName(identifier, name2, source) {
  let before = identifier.startIndex - 1;
  while (source[before] === " " || source[before] === "	") before--;
  let after = identifier.startIndex + name2.length;
  while (source[after] === " " || source[after] === "	") after++;
  const maybeField = before < 0 || ".\n\r\\".includes(source[before]);
  const maybeKeyword = after >= source.length || "\n\r\\#".includes(source[after]) || source[after] === "=" && source[after + 1] !== "=";
  if (!maybeField && !maybeKeyword) return false;
  const parent = identifier.parent;
  return parent?.type === "attribute" && parent.childForFieldName("attribute")?.id === identifier.id || parent?.type === "keyword_argument" && parent.childForFieldName("name")?.id === identifier.id;
}
function references(node) {
  let found = referencesOf.get(node);
  if (!found) {
    const source = sourceOf(node);
    found = [
      ...descendants(node, "identifier").flatMap((n) => {
        const name2 = n.text;
        return isFieldOrKeywordName(n, name2, source) ? [] : [{ node: n, name: name2 }];
      }),
      ...descendants(node, "attribute").map((n) => ({ node: n, name: n.text })),
      ...descendants(node, "subscript").flatMap((n) => {
        const name2 = subscriptName(n);
        return name2 === void 0 ? [] : [{ node: n, name: name2 }];
      })
    ].sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
    referencesOf.set(node, found);
  }
  return found;
}
var referencesOf = /* @__PURE__ */ new WeakMap();
var textsOf = /* @__PURE__ */ new WeakMap();
function mentions(node, names, barrier2) {
  let text = textsOf.get(node);
  if (text === void 0) textsOf.set(node, text = node.text);
  for (const name2 of names) {
    const bracket = name2.indexOf("[");
    if (text.includes(bracket === -1 ? name2 : name2.slice(0, bracket))) {
      return references(node).some((ref) => names.has(ref.name) && !isBlocked(ref.node, node, barrier2));
    }
  }
  return false;
}
function isBlocked(ref, root, barrier2) {
  for (let p = ref.parent; p && p.id !== root.parent?.id; p = p.parent) {
    if (p.type === "call" && (isLengthCall(p) || barrier2?.(p))) return true;
  }
  return false;
}
function contains(outer, inner) {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}
function assignmentHolding(expression) {
  for (let node = expression.parent; node; node = node.parent) {
    if (node.type === "assignment" || node.type === "augmented_assignment") {
      const right = node.childForFieldName("right");
      return right && contains(right, expression) ? node : void 0;
    }
    if (["block", "module", "function_definition", "class_definition"].includes(node.type)) return void 0;
  }
  return void 0;
}
function receivingNames(expression) {
  const assignment = assignmentHolding(expression);
  if (assignment) return targetNames(assignment.childForFieldName("left"));
  for (let node = expression.parent; node && node.type !== "block" && node.type !== "module"; node = node.parent) {
    if (node.type === "call" && MUTATING_METHODS.includes(calleeMethod(node))) {
      return targetNames(node.childForFieldName("function")?.childForFieldName("object") ?? null);
    }
  }
  return [];
}
function targetNames(target) {
  if (!target) return [];
  switch (target.type) {
    case "identifier":
    case "attribute":
      return [target.text];
    case "subscript": {
      const name2 = nameOf(target) ?? targetNames(target.childForFieldName("value"))[0];
      return name2 === void 0 ? [] : [name2];
    }
    case "pattern_list":
    case "tuple_pattern":
    case "list_pattern":
    case "tuple":
    case "list":
      return target.namedChildren.flatMap((child) => targetNames(child));
    default:
      return [];
  }
}
function runsAfter(origin, node) {
  const { end, exitEnd, resumeAt, loops } = continuationOf(origin);
  if (exitEnd !== void 0) {
    if (node.startIndex >= end && node.endIndex <= exitEnd) return true;
    return resumeAt !== void 0 && node.startIndex >= resumeAt;
  }
  return node.startIndex >= end || loops.some((loop) => node.startIndex >= loop.start && node.endIndex <= loop.end);
}
var continuations = /* @__PURE__ */ new WeakMap();
function continuationOf(origin) {
  let continuation = continuations.get(origin);
  if (!continuation) {
    const exit = exitAfter(origin);
    const loops = [];
    for (let loop = enclosingLoop(origin); loop; loop = enclosingLoop(loop)) loops.push({ start: loop.startIndex, end: loop.endIndex });
    continuation = { end: origin.endIndex, loops };
    if (exit && exit.type !== "continue_statement") {
      continuation.exitEnd = exit.endIndex;
      if (exit.type === "break_statement") continuation.resumeAt = enclosingLoop(exit)?.endIndex;
    }
    continuations.set(origin, continuation);
  }
  return continuation;
}
var EXITS = ["return_statement", "raise_statement", "break_statement", "continue_statement"];
function exitAfter(node) {
  let statement = node;
  while (statement.parent && statement.parent.type !== "block") statement = statement.parent;
  for (let next = statement.nextNamedSibling; next; next = next.nextNamedSibling) {
    if (EXITS.includes(next.type)) return next;
  }
  return void 0;
}
function enclosingLoop(node) {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "for_statement" || p.type === "while_statement") return p;
    if (p.type === "function_definition" || p.type === "lambda") return void 0;
  }
  return void 0;
}
var flowEdgesByScope = /* @__PURE__ */ new WeakMap();
function flowEdges(scope) {
  let byScope = flowEdgesByScope.get(scope.tree);
  if (!byScope) flowEdgesByScope.set(scope.tree, byScope = /* @__PURE__ */ new Map());
  let edges = byScope.get(scope.id);
  if (!edges) byScope.set(scope.id, edges = findFlowEdges(scope));
  return edges;
}
function findFlowEdges(scope) {
  const body2 = scope.type === "function_definition" ? scope.childForFieldName("body") ?? scope : scope;
  const edges = [];
  for (const binding of descendants(body2, "assignment", "augmented_assignment", "for_statement", "for_in_clause")) {
    const from = binding.childForFieldName("right");
    if (from && !isInNestedDefinition(binding, body2)) edges.push({ from, to: targetNames(binding.childForFieldName("left")) });
  }
  for (const call of callsNamed(body2, ...MUTATING_METHODS)) {
    const receiver = call.childForFieldName("function")?.childForFieldName("object");
    const args2 = call.childForFieldName("arguments");
    if (receiver && args2 && !isInNestedDefinition(call, body2)) edges.push({ from: args2, to: targetNames(receiver) });
  }
  return edges;
}
function derivedNames(scope, seeds, options = {}) {
  const names = new Set(seeds);
  const { barrier: barrier2, after, sameIteration } = options;
  const edges = flowEdges(scope).filter((edge) => !after || (sameIteration ? edge.from.startIndex >= after.endIndex : runsAfter(after, edge.from)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const edge of edges) {
      if (edge.to.every((name2) => names.has(name2)) || !mentions(edge.from, names, barrier2)) continue;
      for (const name2 of edge.to) names.add(name2);
      grew = true;
    }
  }
  return names;
}
function carriedTo(loop, names, node, barrier2) {
  const carried = new Set(names);
  const body2 = loop.childForFieldName("body");
  for (const statement of body2?.namedChildren ?? []) {
    if (!statement || statement.endIndex > node.startIndex) break;
    const assignment = statement.type === "expression_statement" ? statement.namedChild(0) : void 0;
    if (assignment?.type === "assignment" && assignment.childForFieldName("right")) {
      const targets = targetNames(assignment.childForFieldName("left"));
      const derived = mentions(assignment.childForFieldName("right"), carried, barrier2);
      for (const target of targets) derived ? carried.add(target) : carried.delete(target);
      continue;
    }
    for (const binding of descendants(statement, "assignment", "augmented_assignment")) {
      const right = binding.childForFieldName("right");
      if (right && mentions(right, carried, barrier2)) for (const target of targetNames(binding.childForFieldName("left"))) carried.add(target);
    }
    for (const call of callsNamed(statement, ...MUTATING_METHODS)) {
      const args2 = call.childForFieldName("arguments");
      if (args2 && mentions(args2, carried, barrier2)) {
        for (const target of targetNames(call.childForFieldName("function")?.childForFieldName("object") ?? null)) carried.add(target);
      }
    }
  }
  return carried;
}

// src/analysis/rules/dropped-generation-config.ts
var NON_GENERATIVE_CLASS = /^(transformers\.)?AutoModel$|Classification|Scheduler|UNet|VAE|Autoencoder|Diffusion/i;
var WEIGHT_LOADERS = /load_state_dict|^load_model$|set_model_state_dict/;
var EMPTY_INIT = /torch\.device\(\s*["']meta["']\s*\)|init_empty_weights|init_on_device/;
var GENERATION_CONFIG = /generation_config|GenerationConfig/;
var MESSAGE2 = "save_pretrained() writes a model built with from_config() without its original GenerationConfig: the generation_config.json it writes is derived from config.json and loses the multi-token EOS list (`<|im_end|>`, `<|endoftext|>` for Qwen chat models), so rollouts from this checkpoint run on past the end of the turn.";
function receiverOf(call) {
  return call.childForFieldName("function")?.childForFieldName("object")?.text;
}
function isConvertedCheckpoint(scope, build, model, save) {
  if (keywordArgument(save, "state_dict")) return true;
  const withItems = enclosing(build, "with_statement")?.namedChildren.find((c) => c?.type === "with_clause");
  if (withItems && EMPTY_INIT.test(withItems.text)) return true;
  return descendants(scope, "call").some((call) => {
    if (receiverOf(call) === model && ["load_state_dict", "to_empty"].includes(calleeMethod(call))) return true;
    return WEIGHT_LOADERS.test(calleeMethod(call)) && positionalArguments(call)[0]?.text === model;
  });
}
function restoresGenerationConfig(scope, save) {
  const beforeSave = descendants(scope, "identifier").some(
    (id) => id.endIndex <= save.startIndex && GENERATION_CONFIG.test(id.text)
  );
  const copiedAfter = descendants(scope, "string").some(
    (s) => s.startIndex >= save.endIndex && s.text.includes("generation_config") && s.parent?.type !== "expression_statement"
    // not a docstring
  );
  return beforeSave || copiedAfter;
}
function checkPython2(file) {
  const reports = [];
  for (const build of callsNamed(file.root, "from_config", "_from_config")) {
    if (NON_GENERATIVE_CLASS.test(receiverOf(build) ?? "")) continue;
    const [model] = targetNames(assignmentHolding(build)?.childForFieldName("left") ?? null);
    if (!model) continue;
    const scope = enclosingScope(build);
    const saves = callsNamed(scope, "save_pretrained").filter(
      (call) => receiverOf(call) === model && call.startIndex > build.startIndex
    );
    for (const save of saves) {
      if (!isConvertedCheckpoint(scope, build, model, save) || restoresGenerationConfig(scope, save)) continue;
      reports.push({ ...rangeOf(save), message: MESSAGE2 });
    }
  }
  return reports;
}
var droppedGenerationConfig = {
  meta: {
    code: "RL105",
    name: "dropped-generation-config",
    severity: "error",
    summary: "A checkpoint converter saves a model built with from_config() without its original GenerationConfig."
  },
  // Every finding is a `save_pretrained` of a model built by a `from_config`/`_from_config` call.
  triggers: ["from_config", "save_pretrained"],
  python: checkPython2
};

// src/analysis/rules/dynamic-batch-accumulation.ts
var ACCUMULATION_COUNT = /^(?:gradient_accumulation|grad(?:ient)?_accum(?:ulation)?|accum(?:ulation)?)(?:_steps?|_count)?$/;
var DYNAMIC_BATCHING = /\b(?:use_dynamic_bsz|dynamic_bsz|rearrange_micro_batches|prepare_dynamic_batch)\b/;
var MESSAGE3 = (text, count) => `\`${text}\` scales every micro-batch's loss by 1/\`${count}\`, a count of fixed-size micro-batches, in code that also cuts micro-batches by a token budget (dynamic batch size): their number and sizes then vary, so the summed gradient is not the mini-batch mean (too large with many short micro-batches, too small with few long ones). Under dynamic batching, weigh each micro-batch by its share of the mini-batch (\`len(micro_batch) / ppo_mini_batch_size\`), and keep the fixed count for fixed-size micro-batches only.`;
function inDynamicBranch(node, fn) {
  for (let p = node.parent; p && p.id !== fn.id; p = p.parent) {
    if (p.type === "if_statement" || p.type === "conditional_expression") {
      const condition = p.type === "if_statement" ? p.childForFieldName("condition") : p.namedChild(1);
      if (condition && /dynamic/i.test(condition.text)) return true;
    }
  }
  return false;
}
function checkPython3(file) {
  const reports = [];
  for (const { node, divisor } of divisions(file.root)) {
    const count = subjectName(unparenthesized(divisor));
    if (!count || !ACCUMULATION_COUNT.test(count) || isInTestFunction(node)) continue;
    const fn = enclosingFunction(node);
    if (!fn || !DYNAMIC_BATCHING.test(fn.text) || inDynamicBranch(node, fn)) continue;
    reports.push({ ...rangeOf(node), message: MESSAGE3(node.text, unparenthesized(divisor).text) });
  }
  return reports;
}
var dynamicBatchAccumulation = {
  meta: {
    code: "RL210",
    name: "dynamic-batch-accumulation",
    severity: "warning",
    summary: "A loss is divided by a fixed gradient-accumulation count where micro-batches are cut by a token budget."
  },
  // Every finding divides by an ACCUMULATION_COUNT name in a function that names DYNAMIC_BATCHING.
  triggers: [
    /dynamic_bsz|rearrange_micro_batches|prepare_dynamic_batch/,
    /\/=?\s*\(?\s*[\w.]*\b(?:gradient_accumulation|grad(?:ient)?_accum(?:ulation)?|accum(?:ulation)?)(?:_steps?|_count)?\b/
  ],
  python: checkPython3
};

// src/analysis/rules/eos-masked-by-id.ts
var PAD_ID = /^_?(?:pad_token_id|pad_id|pad_token|pad_idx|pad_token_idx)$/;
var EOS_ID = /^_?(?:eos_token_id|eos_id|eos_token|eos_idx|eos_token_idx)$/;
var SEQUENCE_WORDS = /* @__PURE__ */ new Set([
  "response",
  "responses",
  "completion",
  "completions",
  "generated",
  "generation",
  "generations",
  "gen",
  "sequence",
  "sequences",
  "seq",
  "seqs",
  "output",
  "outputs",
  "labels",
  "label",
  "target",
  "targets",
  "full"
]);
var PROMPT_WORDS = /* @__PURE__ */ new Set(["prompt", "prompts", "query", "queries", "context", "prefix", "demo"]);
var MASKED_VALUE = /^(?:-100|IGNORE_INDEX|ignore_index|self\.ignore_index|IGNORE_TOKEN_ID|0|False)$/;
var PAD_MASKING_COLLATORS = ["DataCollatorForLanguageModeling"];
var MESSAGE4 = "Tokens are masked out by comparing ids with the pad id: when pad_token == eos_token (set so in many training scripts, and the default of several base tokenizers) the generated EOS is masked too, so the policy is never trained to stop (and end-of-turn ids inside prompts lose their attention). Mask by position instead: the attention mask, or everything after the first EOS.";
var EOS_MESSAGE = "The EOS id itself is masked out of a generated sequence (`!= eos_token_id`): the policy is never trained to stop. Mask by position instead: keep every token up to and including the first EOS.";
var COLLATOR_MESSAGE = "DataCollatorForLanguageModeling sets the labels to -100 wherever the input is the pad id, and this file sets pad_token = eos_token: every EOS is masked out of the labels, so the model is never trained to stop. Use a distinct pad token, or a collator that masks padding by position (the attention mask).";
function lastSegment(node) {
  if (node.type === "attribute") return node.childForFieldName("attribute")?.text ?? "";
  return node.type === "identifier" ? node.text : "";
}
var isPadId = (node) => PAD_ID.test(lastSegment(node));
var isEosId = (node) => EOS_ID.test(lastSegment(node));
function tensorWords(node) {
  const keys = descendants(node, "string").map((s) => stringValue(s) ?? "");
  const names = descendants(node, "identifier").map((i2) => i2.text);
  return [...keys, ...names].flatMap(nameWords);
}
function isSequence(node) {
  const words = tensorWords(node);
  if (!words.some((w) => SEQUENCE_WORDS.has(w)) || words.some((w) => PROMPT_WORDS.has(w))) return false;
  const indices = node.type === "subscript" ? node.childrenForFieldName("subscript") : [];
  if (indices.some((index) => index.type !== "slice" && index.type !== "string")) return false;
  if (node.type !== "identifier") return true;
  const last = descendants(enclosingScope(node), "assignment").filter((a) => a.endIndex <= node.startIndex && a.childForFieldName("left")?.text === node.text).at(-1);
  const source = last?.childForFieldName("right") ?? void 0;
  const generated = source !== void 0 && callsNamed(source, ...GENERATION_CALLS).length > 0;
  return !source || generated || !tensorWords(source).some((w) => PROMPT_WORDS.has(w));
}
function comparison(node) {
  if (node.type === "comparison_operator") {
    const operators = node.childrenForFieldName("operators").map((o) => o?.type);
    if (node.namedChildCount !== 2 || operators.length !== 1 || !["==", "!="].includes(operators[0])) return void 0;
    return { sides: node.namedChildren.filter((n) => n !== null), equal: operators[0] === "==" };
  }
  if (node.type !== "call") return void 0;
  const method = calleeMethod(node);
  if (!["eq", "ne", "not_equal", "equal"].includes(method)) return void 0;
  const receiver = node.childForFieldName("function")?.childForFieldName("object");
  const sides = [...receiver && receiver.text !== "torch" ? [receiver] : [], ...positionalArguments(node)];
  return sides.length === 2 ? { sides, equal: method === "eq" || method === "equal" } : void 0;
}
function idComparison(node) {
  const found = comparison(node);
  if (!found) return void 0;
  const index = found.sides.findIndex((side) => isPadId(side) || isEosId(side));
  if (index === -1) return void 0;
  const tensor = found.sides[1 - index];
  if (isPadId(tensor) || isEosId(tensor) || /_token_id$|_token$/.test(lastSegment(tensor))) return void 0;
  return { tensor, id: found.sides[index], equal: found.equal };
}
function comparesPadWithEos(scope) {
  return descendants(scope, "comparison_operator", "call").some((node) => {
    const found = comparison(node);
    return found !== void 0 && found.sides.some(isPadId) && found.sides.some(isEosId);
  });
}
function setsPadToEos(root) {
  return descendants(root, "assignment").some((assignment) => {
    const left = assignment.childForFieldName("left");
    const right = assignment.childForFieldName("right");
    return !!left && !!right && left.type === "attribute" && /^pad_token(_id)?$/.test(lastSegment(left)) && /^eos_token(_id)?$/.test(lastSegment(right));
  });
}
function setsDistinctPad(root) {
  const assigned = descendants(root, "assignment").some((assignment) => {
    const left = assignment.childForFieldName("left");
    const right = assignment.childForFieldName("right");
    return !!left && !!right && left.type === "attribute" && lastSegment(left) === "pad_token" && !/eos_token/.test(right.text);
  });
  return assigned || callsNamed(root, "add_special_tokens").some((call) => /["']pad_token["']/.test(call.text));
}
function isRestoredLater(name2, after) {
  const scope = enclosingScope(after);
  const rebuilt = descendants(scope, "assignment").some((assignment) => assignment.startIndex > after.endIndex && assignment.childForFieldName("left")?.text === name2 && assignment.childForFieldName("right")?.text.includes(name2) === false);
  if (rebuilt) return true;
  const scattered = callsNamed(scope, "scatter_", "scatter", "index_fill_").some((call) => call.startIndex > after.startIndex && call.childForFieldName("function")?.childForFieldName("object")?.text === name2);
  const assigned = descendants(scope, "assignment").some((assignment) => {
    const left = assignment.childForFieldName("left");
    return assignment.startIndex > after.startIndex && left?.type === "subscript" && left.childForFieldName("value")?.text === name2 && /^(?:1|True)$/.test(assignment.childForFieldName("right")?.text ?? "");
  });
  return scattered || assigned;
}
function maskName(node) {
  let top = node;
  while (top.parent && ["parenthesized_expression", "binary_operator", "boolean_operator", "attribute", "call", "argument_list"].includes(top.parent.type)) {
    top = top.parent;
  }
  if (top.parent?.type === "assignment" && top.parent.childForFieldName("right")?.id === top.id) {
    const left = top.parent.childForFieldName("left");
    return left?.type === "identifier" || left?.type === "attribute" || left?.type === "subscript" ? left.text : void 0;
  }
  return void 0;
}
var isMaskName2 = (name2) => nameWords(name2).some((w) => w === "mask" || w === "masks");
function maskedByAssignment(root) {
  return descendants(root, "assignment").flatMap((assignment) => {
    const left = assignment.childForFieldName("left");
    const value = assignment.childForFieldName("right");
    if (left?.type !== "subscript" || !value || !MASKED_VALUE.test(value.text.replace(/\s/g, ""))) return [];
    const target = left.childForFieldName("value");
    const index = left.childrenForFieldName("subscript")[0];
    const found = index && idComparison(index);
    if (!found || !found.equal) return [];
    const labels = nameWords(target.text).some((w) => w === "labels" || w === "label" || w === "targets");
    if (!labels && !(isMaskName2(target.text) && isSequence(found.tensor))) return [];
    return [{ node: assignment, message: isEosId(found.id) ? EOS_MESSAGE : MESSAGE4 }];
  });
}
function maskedByComparison(root) {
  return descendants(root, "comparison_operator", "call").flatMap((node) => {
    const found = idComparison(node);
    if (!found || found.equal) return [];
    const name2 = maskName(node);
    const choice = node.parent?.type === "conditional_expression" ? node.parent : void 0;
    if (choice) {
      const masked = choice.namedChildren[2];
      const comprehension = choice.parent?.type === "list_comprehension" ? choice.parent : void 0;
      const labels = comprehension && maskName(comprehension);
      if (!masked || !MASKED_VALUE.test(masked.text) || !labels || !nameWords(labels).includes("labels")) return [];
      return [{ node: comprehension, message: MESSAGE4 }];
    }
    if (!name2 || !isMaskName2(name2) || !isSequence(found.tensor) || isRestoredLater(name2, node)) return [];
    return [{ node, message: isEosId(found.id) ? EOS_MESSAGE : MESSAGE4 }];
  });
}
function collatorsMaskingEos(root) {
  if (!setsPadToEos(root)) return [];
  const ownCollator = descendants(root, "class_definition").some((c) => PAD_MASKING_COLLATORS.includes(c.childForFieldName("name")?.text ?? ""));
  if (ownCollator) return [];
  return callsNamed(root, ...PAD_MASKING_COLLATORS).flatMap((call) => {
    const first = positionalArguments(call)[0];
    const takesTokenizer = keywordArgument(call, "tokenizer") !== void 0 || keywordArgument(call, "mlm") !== void 0 || first !== void 0 && /tok|processing_class|processor/i.test(first.text);
    return takesTokenizer ? [{ node: call, message: COLLATOR_MESSAGE }] : [];
  });
}
function checkPython4(file) {
  const distinctPad = setsDistinctPad(file.root);
  const byId = distinctPad ? [] : [...maskedByAssignment(file.root), ...maskedByComparison(file.root)].filter(({ node, message: message4 }) => message4 === EOS_MESSAGE || !comparesPadWithEos(enclosingScope(node)));
  const reported = /* @__PURE__ */ new Set();
  const statementOf = (node) => {
    let statement = node;
    while (statement.parent && statement.parent.type !== "block" && statement.parent.type !== "module") statement = statement.parent;
    return statement.startIndex;
  };
  return [...byId, ...collatorsMaskingEos(file.root)].filter(({ node }) => !isInTestCode(node) && !reported.has(statementOf(node)) && reported.add(statementOf(node))).sort((a, b) => a.node.startIndex - b.node.startIndex).map(({ node, message: message4 }) => ({ ...rangeOf(node), message: message4 }));
}
var eosMaskedById = {
  meta: {
    code: "RL301",
    name: "eos-masked-by-id",
    severity: "warning",
    summary: "Labels or masks built by comparing token ids with the pad id (or the EOS id) mask out the EOS the policy must learn."
  },
  // Every finding compares a tensor with an id that PAD_ID or EOS_ID names (`pad_` or `eos_` right after `==`/`!=`
  // and an owner, before them, or in the arguments of `.ne(`/`.eq(`), or calls a PAD_MASKING_COLLATORS collator.
  triggers: [
    /[!=]=\s*(?:[\w.]*\.)?_?(?:pad|eos)_|(?:pad|eos)_\w*\s*[!=]=|\b(?:ne|eq|not_equal|equal)\s*\([^)]*(?:pad|eos)_|DataCollatorForLanguageModeling/
  ],
  python: checkPython4
};

// src/analysis/rules/eos-only-stop.ts
var SAMPLING_CALLS = [...GENERATION_CALLS, "sample", "sample_async"];
var EOS_OVERRIDING_CALLS = ["generate", "GenerationConfig"];
var GENERATION_NAME = /generat|rollout|(?:^|_)sample(?:_|$)|sampling|decod|complet|agent|infer/i;
var TOKENIZER = /tok|processing_class|processor/i;
var EOS_LIST = /generation_config\.eos_token_id|eos_token_ids|eos_ids|stop_token_ids/;
var COMPARISON_MESSAGE = "The end of a completion is found by comparing with tokenizer.eos_token_id alone: generation_config.eos_token_id can list several ids (`<|im_end|>` and `<|endoftext|>`, Gemma's `<end_of_turn>`), and a model whose turn ends on another one is never cut at the end of its turn. Compare with every id of the generation config.";
var OVERRIDE_MESSAGE = "eos_token_id=tokenizer.eos_token_id replaces the generation config's list of EOS ids: a model whose turn ends on a secondary EOS (`<|im_end|>` vs `<|endoftext|>`, Gemma's `<end_of_turn>`) runs on past the end of its turn. Leave eos_token_id to the generation config.";
var HANDED_OVER_MESSAGE = "The rollout is given tokenizer.eos_token_id as its EOS id through a dict or config: the generation config can list several (`<|im_end|>` and `<|endoftext|>`), and responses that end on another one are masked or stopped as if they ran on. Pass generation_config.eos_token_id when there is one.";
function isDirectTokenizerEos(node) {
  if (node?.type !== "attribute" || node.childForFieldName("attribute")?.text !== "eos_token_id") return false;
  const owner = node.childForFieldName("object");
  return TOKENIZER.test(owner.type === "attribute" ? owner.childForFieldName("attribute").text : owner.text);
}
function isTokenizerEos(node) {
  if (isDirectTokenizerEos(node)) return true;
  if (node?.type === "list" && node.namedChildCount === 1) return isTokenizerEos(node.namedChild(0));
  if (node?.type !== "identifier" && node?.type !== "attribute") return false;
  const name2 = node.text;
  const where = name2.startsWith("self.") ? enclosing(node, "class_definition") : enclosingScope(node);
  const assigned = where ? descendants(where, "assignment").filter((a) => startsWithText(a, name2) && a.childForFieldName("left")?.text === name2) : [];
  return assigned.length > 0 && assigned.every((a) => isDirectTokenizerEos(a.childForFieldName("right")));
}
function isTokenIdConstant(node) {
  return !!node && /_token_id$/.test(node.text);
}
function comparedOperands(node) {
  if (node.type === "comparison_operator") {
    const operators = node.childrenForFieldName("operators").map((o) => o?.type);
    if (node.namedChildCount !== 2 || !operators.every((o) => o === "==" || o === "!=")) return void 0;
    return node.namedChildren.filter((n) => n !== null);
  }
  if (node.type !== "call" || !["eq", "ne"].includes(calleeMethod(node))) return void 0;
  const receiver = node.childForFieldName("function")?.childForFieldName("object");
  return [...receiver && receiver.text !== "torch" ? [receiver] : [], ...positionalArguments(node)];
}
function eosComparisons(root) {
  return descendants(root, "comparison_operator", "call").filter((node) => {
    const operands = comparedOperands(node);
    if (operands?.length !== 2) return false;
    const eos = operands.findIndex(isTokenizerEos);
    return eos !== -1 && !isTokenIdConstant(operands[1 - eos]);
  });
}
function isGenerationPath(node) {
  const scope = enclosingScope(node);
  if (scope.type === "function_definition" && GENERATION_NAME.test(functionName(scope))) return true;
  if (callsNamed(scope, ...SAMPLING_CALLS).length > 0) return true;
  const branch = enclosing(node, "if_statement");
  return !!branch && !!enclosing(branch, "for_statement", "while_statement") && descendants(branch.childForFieldName("consequence"), "break_statement").length > 0;
}
function handlesEosList(node) {
  return EOS_LIST.test(enclosingScope(node).text);
}
function eosOverrides(root) {
  const overrides = [];
  for (const call of callsNamed(root, ...EOS_OVERRIDING_CALLS)) {
    const keyword = keywordArgument(call, "eos_token_id");
    if (isTokenizerEos(keyword)) overrides.push(keyword.parent);
    for (const splat of splatArguments(call)) {
      const dicts = splat.type === "dictionary" ? [splat] : descendants(enclosingScope(call), "assignment").filter((a) => a.childForFieldName("left")?.text === splat.text).map((a) => a.childForFieldName("right")).filter((v) => v?.type === "dictionary");
      for (const pair of dicts.flatMap((d) => descendants(d, "pair"))) {
        if (stringValue(pair.childForFieldName("key")) === "eos_token_id" && isTokenizerEos(pair.childForFieldName("value"))) {
          overrides.push(pair);
        }
      }
    }
  }
  return overrides;
}
function eosHandedOver(root) {
  const pairs = descendants(root, "pair").filter((pair) => stringValue(pair.childForFieldName("key")) === "eos_token_id" && isTokenizerEos(pair.childForFieldName("value")));
  const items = descendants(root, "assignment").filter((assignment) => {
    const left = assignment.childForFieldName("left");
    return left?.type === "subscript" && stringValue(left.childForFieldName("subscript")) === "eos_token_id" && isTokenizerEos(assignment.childForFieldName("right"));
  });
  return [...pairs, ...items].filter(isGenerationPath);
}
function checkPython5(file) {
  const comparisons = eosComparisons(file.root).filter((node) => isGenerationPath(node) && !handlesEosList(node) && !isInTestCode(node)).map((node) => ({ ...rangeOf(node), message: COMPARISON_MESSAGE }));
  const overrides = eosOverrides(file.root).filter((node) => !isInTestCode(node));
  const seen = new Set(overrides.map((node) => node.id));
  const handedOver = eosHandedOver(file.root).filter((node) => !seen.has(node.id) && !handlesEosList(node) && !isInTestCode(node));
  return [
    ...comparisons,
    ...overrides.map((node) => ({ ...rangeOf(node), message: OVERRIDE_MESSAGE })),
    ...handedOver.map((node) => ({ ...rangeOf(node), message: HANDED_OVER_MESSAGE }))
  ].sort((a, b) => a.line - b.line || a.column - b.column);
}
function isTsTokenizerEos(node, file) {
  const { Node: Node2 } = file.morph;
  if (!Node2.isPropertyAccessExpression(node) || node.getName() !== "eos_token_id") return false;
  const owner = node.getExpression();
  const last = Node2.isPropertyAccessExpression(owner) ? owner.getName() : owner.getText();
  return TOKENIZER.test(last);
}
function checkTypeScript(file) {
  const { Node: Node2, SyntaxKind } = file.morph;
  const reports = [];
  const equalities = [
    SyntaxKind.EqualsEqualsEqualsToken,
    SyntaxKind.EqualsEqualsToken,
    SyntaxKind.ExclamationEqualsEqualsToken,
    SyntaxKind.ExclamationEqualsToken
  ];
  for (const binary2 of file.sourceFile.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    if (!equalities.includes(binary2.getOperatorToken().getKind())) continue;
    const [left, right] = [binary2.getLeft(), binary2.getRight()];
    const other = isTsTokenizerEos(right, file) ? left : isTsTokenizerEos(left, file) ? right : void 0;
    if (!other || /_token_id$/.test(other.getText())) continue;
    const fn = binary2.getFirstAncestor((a) => Node2.isFunctionLikeDeclaration(a));
    if (fn && EOS_LIST.test(fn.getText())) continue;
    const inLoop = binary2.getFirstAncestor((a) => Node2.isIterationStatement(a)) !== void 0;
    const name2 = fn?.getName?.() ?? "";
    if (inLoop || GENERATION_NAME.test(name2)) reports.push({ ...tsRangeOf(binary2), message: COMPARISON_MESSAGE });
  }
  for (const call of file.sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node2.isPropertyAccessExpression(callee) || callee.getName() !== "generate") continue;
    for (const options of call.getArguments().filter((a) => Node2.isObjectLiteralExpression(a))) {
      const property = options.getProperty("eos_token_id");
      if (Node2.isPropertyAssignment(property) && isTsTokenizerEos(property.getInitializerOrThrow(), file)) {
        reports.push({ ...tsRangeOf(property), message: OVERRIDE_MESSAGE });
      }
    }
  }
  return reports;
}
var eosOnlyStop = {
  meta: {
    code: "RL112",
    name: "eos-only-stop",
    severity: "info",
    summary: "Completion ends or stops are found with tokenizer.eos_token_id alone, ignoring the generation config's other EOS ids."
  },
  // Every finding reads `.eos_token_id` off an owner that TOKENIZER matches (`self.tokenizer`, `tok`), or off a
  // call or subscript, whose whole text is matched (`get_tokenizer().eos_token_id`).
  // (The plain substring first: a quick test that most files fail.)
  triggers: ["eos_token_id", /(?:tok|processing_class|processor)[\p{ID_Continue}!?]*\s*\.\s*eos_token_id|[)\]]\s*\.\s*eos_token_id/iu],
  python: checkPython5,
  typescript: checkTypeScript
};

// src/analysis/rules/growing-list-extend.ts
var MESSAGE5 = (target, list) => `\`${target}.extend(${list})\` runs on every pass of the loop while \`${list}\` keeps growing in it: each pass adds all of \`${list}\` again, so its first items end up in \`${target}\` once per later pass (with three parallel tool calls, the first tool result three times). The policy is then trained and scored on a conversation with repeated turns. Extend once, after the loop, or append each item as it is made.`;
function checkPython6(file) {
  const reports = [];
  for (const loop of descendants(file.root, "for_statement", "while_statement")) {
    const body2 = loop.childForFieldName("body");
    if (!body2) continue;
    const direct = (call) => {
      for (let p = call.parent; p; p = p.parent) {
        if (p.type === "for_statement" || p.type === "while_statement") return p.id === loop.id;
        if (p.type === "function_definition") return false;
      }
      return false;
    };
    const calls = descendants(body2, "call").filter(direct);
    const method = (call) => call.childForFieldName("function")?.childForFieldName("attribute")?.text;
    const receiver = (call) => call.childForFieldName("function")?.childForFieldName("object")?.text;
    const grown = new Set(calls.filter((c) => method(c) === "append" || method(c) === "extend").map(receiver));
    for (const call of calls) {
      const [argument] = call.childForFieldName("arguments")?.namedChildren ?? [];
      if (method(call) !== "extend" || argument?.type !== "identifier" || !grown.has(argument.text)) continue;
      const reset = descendants(body2, "assignment").some((a) => a.childForFieldName("left")?.text === argument.text) || calls.some((c) => method(c) === "clear" && receiver(c) === argument.text);
      if (reset || receiver(call) === argument.text || isInTestFunction(call)) continue;
      reports.push({ ...rangeOf(call), message: MESSAGE5(receiver(call), argument.text) });
    }
  }
  return reports;
}
var growingListExtend = {
  meta: {
    code: "RL404",
    name: "growing-list-extend",
    severity: "warning",
    summary: "A list is extended, inside a loop, with another list that the same loop keeps appending to."
  },
  // Every finding is an `.extend(name)` with a list that the loop `.append(`s to: `name.append(` before or after it.
  triggers: [
    /\.extend\(\s*[A-Za-z_]\w*\s*\)/,
    /\b(\w+)\.append\([\s\S]*?\.extend\(\s*\1\s*\)|\.extend\(\s*(\w+)\s*\)[\s\S]*?\b\2\.append\(/
  ],
  python: checkPython6
};

// src/analysis/fix.ts
var lastLines;
function lineAt(source, offset) {
  if (lastLines?.source !== source) {
    const starts2 = [0];
    for (let at = source.indexOf("\n"); at !== -1; at = source.indexOf("\n", at + 1)) starts2.push(at + 1);
    lastLines = { source, starts: starts2 };
  }
  const { starts } = lastLines;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = low + high + 1 >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}
function editFix(source, description, edits) {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const firstLineStart = source.lastIndexOf("\n", sorted[0].start - 1) + 1;
  const lastEnd = Math.max(...sorted.map((e) => e.end));
  const newline = source.indexOf("\n", lastEnd);
  const lastLineEnd = newline === -1 ? source.length : newline;
  let replacement = "";
  let cursor = firstLineStart;
  for (const edit of sorted) {
    replacement += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  replacement += source.slice(cursor, lastLineEnd);
  return { description, line: lineAt(source, firstLineStart), endLine: lineAt(source, lastLineEnd), replacement };
}

// src/analysis/rules/error-rollout-trained.ts
var LOSS_MASK_NAME = /(?:^|_)(?:loss|response|action|completion|assistant|train(?:ing)?)_?masks?$/i;
var ERROR_WORD = /error|fail|exception|crash|abort/i;
var ERROR_FLAG = /^(?:is_|has_)?(?:error|err|exc|exception|failed|failure|crashed)$/i;
var STATUS_NAME = /reason|status|outcome/i;
var FAILURE_FUNCTION = /fail|error|degenerate|crash|abort/i;
var MESSAGE6 = "This sample is built on an error path and still trained: its loss mask is all ones. A crashed tool, an engine or sandbox failure is not the policy's doing: mask it out (loss mask 0) or drop the sample.";
function targetName(target) {
  switch (target?.type) {
    case "identifier":
      return target.text;
    case "attribute":
      return target.childForFieldName("attribute")?.text ?? "";
    case "subscript":
      return stringValue(target.childForFieldName("subscript")) ?? "";
    default:
      return "";
  }
}
function keyOf(item) {
  return (item.type === "pair" ? stringValue(item.childForFieldName("key")) : item.childForFieldName("name")?.text) ?? "";
}
function maskWrites(root) {
  const writes = [];
  for (const node of descendants(root, "assignment", "augmented_assignment", "keyword_argument", "pair", "call")) {
    if (!/mask/i.test(node.text)) continue;
    if (node.type === "assignment" || node.type === "augmented_assignment") {
      const value = node.childForFieldName("right");
      if (value && LOSS_MASK_NAME.test(targetName(node.childForFieldName("left")))) writes.push({ value });
    } else if (node.type === "keyword_argument" || node.type === "pair") {
      const value = node.childForFieldName("value");
      if (value && LOSS_MASK_NAME.test(keyOf(node))) writes.push({ value, siblings: node.parent ?? void 0 });
    } else if (["append", "extend"].includes(calleeMethod(node))) {
      const receiver = node.childForFieldName("function")?.childForFieldName("object") ?? null;
      const value = positionalArguments(node)[0];
      if (value && LOSS_MASK_NAME.test(targetName(receiver))) writes.push({ value });
    }
  }
  return writes;
}
function marksError(items) {
  return items.namedChildren.some((item) => {
    if (item?.type !== "keyword_argument" && item?.type !== "pair") return false;
    return STATUS_NAME.test(keyOf(item)) && ERROR_WORD.test(stringValue(item.childForFieldName("value")) ?? "");
  });
}
function setsErrorStatus(block) {
  return block.namedChildren.some((statement) => {
    const assignment = statement?.type === "expression_statement" ? statement.namedChild(0) : null;
    if (assignment?.type !== "assignment") return false;
    return STATUS_NAME.test(targetName(assignment.childForFieldName("left"))) && ERROR_WORD.test(stringValue(assignment.childForFieldName("right")) ?? "");
  });
}
function operandStrings(node) {
  if (node?.type === "string") return [stringValue(node) ?? ""];
  if (node?.type === "tuple" || node?.type === "list" || node?.type === "set") {
    return node.namedChildren.map((c) => stringValue(c) ?? "");
  }
  return [];
}
function isErrorFlag(node) {
  if (node?.type === "identifier") return ERROR_FLAG.test(node.text);
  if (node?.type === "attribute") return ERROR_FLAG.test(node.childForFieldName("attribute")?.text ?? "");
  return false;
}
function isErrorTest(node) {
  switch (node?.type) {
    case "parenthesized_expression":
      return isErrorTest(node.namedChild(0));
    case "boolean_operator":
      return isErrorTest(node.childForFieldName("left")) || isErrorTest(node.childForFieldName("right"));
    case "identifier":
    case "attribute":
      return isErrorFlag(node);
    case "comparison_operator": {
      const operator2 = node.childrenForFieldName("operators").map((o) => o?.text.replace(/\s+/g, " ")).join(" ");
      const [left, right] = [node.namedChild(0), node.namedChild(1)];
      if (operator2 === "==") return [...operandStrings(left), ...operandStrings(right)].some((s) => ERROR_WORD.test(s));
      if (operator2 === "in") return operandStrings(right).some((s) => ERROR_WORD.test(s));
      return operator2 === "is not" && right?.type === "none" && isErrorFlag(left);
    }
    case "call": {
      const type = positionalArguments(node)[1];
      return calleeMethod(node) === "isinstance" && /(?:Error|Exception)$/.test(type?.text ?? "");
    }
    default:
      return false;
  }
}
function onErrorPath(node) {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case "function_definition":
        return FAILURE_FUNCTION.test(functionName(parent)) && !functionName(parent).startsWith("test");
      case "lambda":
      case "class_definition":
        return false;
      case "except_clause":
        return true;
      case "if_statement":
      case "elif_clause":
        if (child.id === parent.childForFieldName("consequence")?.id && isErrorTest(parent.childForFieldName("condition"))) {
          return true;
        }
        break;
      case "block":
        if (parent.namedChildren.some((s) => s?.type === "raise_statement")) return false;
        if (setsErrorStatus(parent)) return true;
        break;
    }
  }
  return false;
}
var ZEROS = { "1": "0", True: "False", ones: "zeros", ones_like: "zeros_like" };
function checkPython7(file) {
  const reports = [];
  for (const { value, siblings } of maskWrites(file.root)) {
    const ones = onesExpression(value);
    if (!ones) continue;
    if (!(siblings && marksError(siblings)) && !onErrorPath(value)) continue;
    const zeros = ones.flips.map((n) => ({ start: n.startIndex, end: n.endIndex, text: ZEROS[n.text] }));
    reports.push({ ...rangeOf(value), message: MESSAGE6, fix: editFix(file.source, "Mask the sample out", zeros) });
  }
  return reports;
}
var errorRolloutTrained = {
  meta: {
    code: "RL109",
    name: "error-rollout-trained",
    severity: "warning",
    summary: "A sample built on a rollout's error path is trained with a loss mask of ones.",
    fix: "unsafe"
  },
  triggers: [
    // The mask written: LOSS_MASK_NAME, unanchored.
    /(?:loss|response|action|completion|assistant|train(?:ing)?)_?masks?/i,
    // The ones written (onesExpression): a list of ones or a comprehension of one right after `=`, `:`, `(` or `*`
    // and whitespace or a backslash (`= [1] * n`, `n * [True]`, `append([1 for _ in ids])`), or `ones`/`ones_like`.
    /[=:(*][\s\\]*(?:\[\s*(?:1|True)(?:\s*,\s*(?:1|True))*\s*,?\s*\]|\[\s*(?:1|True)\s+for\b)|\bones(?:_like)?\s*\(/,
    // The error path: `except`, ERROR_FLAG, ERROR_WORD or FAILURE_FUNCTION.
    /err|exc|fail|crash|abort|degenerate/i
  ],
  python: checkPython7
};

// src/analysis/rules/kl-loss-sign.ts
var COEFFICIENT_WORDS = /* @__PURE__ */ new Set([
  "coef",
  "coeff",
  "coefficient",
  "ctrl",
  "controller",
  "weight",
  "beta",
  "target",
  "horizon",
  "clip",
  "type",
  "estimator",
  "metrics",
  "metric",
  "stats",
  "log",
  // Log-probs of a KL dataset (KTO's `ref_KL_logps`), not a divergence.
  "logps",
  "logp",
  "logprobs",
  "logits",
  "probs"
]);
var LOSS_WORDS = /* @__PURE__ */ new Set(["loss", "losses"]);
var NOT_LOSS_WORDS = /* @__PURE__ */ new Set(["mask", "scale", "fn", "func", "type", "weight", "coef", "num", "agg", "mode", "metrics"]);
var SIGN_KEEPING_CALLS = /* @__PURE__ */ new Set([
  "mean",
  "sum",
  "masked_mean",
  "masked_sum",
  "agg_loss",
  "aggregate_loss",
  "nanmean",
  "nansum",
  "float",
  "to",
  "detach",
  "contiguous",
  "squeeze",
  "unsqueeze",
  "view",
  "reshape",
  "flatten"
]);
var LOG_PROB_NAME = /(?:^|_)(?:log_?probs?|logps?|logits?)(?:_|$)/i;
var LOGGING_WORDS = /* @__PURE__ */ new Set(["metric", "metrics", "stat", "stats", "log", "logging", "report", "reward", "rewards"]);
var SIGN_MESSAGE = (loss) => `The KL penalty is subtracted from \`${loss}\`, a loss that is minimized: the optimizer then pushes the policy away from the reference model instead of keeping it close. Add the penalty to the loss (\`loss = pg_loss + kl_coef * kl\`); subtract it only from rewards or from an objective that is maximized.`;
var NO_GRAD_MESSAGE = (kl, loss) => `\`${kl}\` is computed under torch.no_grad() and then added to \`${loss}\`: the KL term carries no gradient, so the penalty changes the logged loss but never pulls the policy toward the reference. Compute the KL-in-loss term with gradients (keep no_grad for the reward-side KL).`;
var DECORATOR_MESSAGE = (name2) => `\`${name2}\` estimates a KL from log-probs under @torch.no_grad(): a KL loss built from it has no gradient and never pulls the policy toward the reference. Remove the decorator (wrap the reward-side call in torch.no_grad() instead).`;
function isKlName(name2) {
  if (!name2) return false;
  const words = nameWords(name2);
  return words.some((word) => word === "kl" || word === "kld" || word === "kls") && !words.some((word) => COEFFICIENT_WORDS.has(word));
}
function isKlTerm(node) {
  const bare = unparenthesized(node);
  if (bare.type === "binary_operator" && ["*", "/"].includes(operatorOf(bare))) {
    return isKlTerm(bare.childForFieldName("left")) || operatorOf(bare) === "*" && isKlTerm(bare.childForFieldName("right"));
  }
  if (bare.type === "call") {
    const method = calleeMethod(bare);
    if (!SIGN_KEEPING_CALLS.has(method)) return isKlName(method);
    const operand = reducedTensor(bare);
    return operand !== void 0 && isKlTerm(operand);
  }
  return isKlName(subjectName(bare));
}
function isLossName(name2) {
  if (!name2) return false;
  const words = nameWords(name2);
  return words.some((word) => LOSS_WORDS.has(word)) && !words.some((word) => NOT_LOSS_WORDS.has(word) || word === "reward");
}
function isNonNegativeFactor(node) {
  const bare = unparenthesized(node);
  if (bare.type === "integer" || bare.type === "float") return true;
  const name2 = subjectName(bare) ?? (bare.type === "call" ? calleeMethod(bare) : void 0);
  if (!name2) return false;
  const words = nameWords(name2);
  return isMaskName(name2) || words.some((word) => COEFFICIENT_WORDS.has(word) || ["beta", "alpha", "lambda", "lam", "scale", "factor", "len", "count", "num", "tokens", "size", "steps"].includes(word));
}
function signedDestination(node, sign) {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case "parenthesized_expression":
        continue;
      case "unary_operator":
        if (parent.child(0)?.type === "-") sign = -sign;
        else if (parent.child(0)?.type !== "+") return void 0;
        continue;
      case "binary_operator": {
        const operator2 = operatorOf(parent);
        const isRight = parent.childForFieldName("right")?.id === child.id;
        const other = parent.childForFieldName(isRight ? "left" : "right");
        if (operator2 === "+") continue;
        if (operator2 === "-") {
          if (isRight) sign = -sign;
          continue;
        }
        if (operator2 === "*" && isNonNegativeFactor(other)) continue;
        if (operator2 === "/" && !isRight && isNonNegativeFactor(other)) continue;
        return void 0;
      }
      case "argument_list": {
        const call = parent.parent;
        if (!SIGN_KEEPING_CALLS.has(calleeMethod(call)) || parent.namedChildren[0]?.id !== child.id) return void 0;
        child = call;
        parent = call;
        continue;
      }
      case "attribute":
        if (parent.parent?.type === "call" && SIGN_KEEPING_CALLS.has(parent.childForFieldName("attribute")?.text ?? "")) {
          child = parent.parent;
          parent = parent.parent;
          continue;
        }
        return void 0;
      case "assignment":
      case "augmented_assignment": {
        if (parent.childForFieldName("right")?.id !== child.id) return void 0;
        if (parent.type === "augmented_assignment") {
          const operator2 = operatorOf(parent);
          if (operator2 === "-=") sign = -sign;
          else if (operator2 !== "+=") return void 0;
        }
        return { sign, statement: parent };
      }
      case "return_statement":
        return { sign, statement: parent };
      default:
        return void 0;
    }
  }
  return void 0;
}
function lossWritten(statement) {
  if (statement.type === "return_statement") {
    const fn = enclosingFunction(statement);
    return fn && isLossName(functionName(fn)) ? `${functionName(fn)}()` : void 0;
  }
  const target = statement.childForFieldName("left");
  const name2 = target ? subjectName(target) : void 0;
  return isLossName(name2) ? target.text : void 0;
}
function subtractedKl(file) {
  const reports = [];
  for (const node of descendants(file.root, "binary_operator", "augmented_assignment")) {
    const operator2 = operatorOf(node);
    if (operator2 !== "-" && operator2 !== "-=" && operator2 !== "+" && operator2 !== "+=") continue;
    const right = node.childForFieldName("right");
    if (!right || !isKlTerm(right)) continue;
    const negated = unparenthesized(right).type === "unary_operator" && unparenthesized(right).child(0)?.type === "-";
    const own = (operator2.startsWith("-") ? -1 : 1) * (negated ? -1 : 1);
    if (own > 0) continue;
    const outer = node.type === "augmented_assignment" ? { sign: 1, statement: node } : signedDestination(node, 1);
    const destination = outer && { sign: own * outer.sign, statement: outer.statement };
    if (!destination || destination.sign > 0) continue;
    const loss = lossWritten(destination.statement);
    if (loss && !isInTestFunction(node)) reports.push({ ...rangeOf(node), message: SIGN_MESSAGE(loss) });
  }
  return reports;
}
function isNoGradContext(node) {
  return /(?:^|\.)(?:no_grad|inference_mode)\s*\(/.test(node.text) && !/enable_grad/.test(node.text);
}
function klUnderNoGrad(file) {
  const reports = [];
  for (const statement of descendants(file.root, "with_statement")) {
    const clause = statement.namedChildren.find((child) => child?.type === "with_clause");
    if (!clause || !isNoGradContext(clause)) continue;
    const scope = enclosingScope(statement);
    for (const assignment of descendants(statement, "assignment")) {
      const names = targetNames(assignment.childForFieldName("left")).filter((name2) => isKlName(name2.split(".").at(-1)));
      if (names.length === 0 || enclosingScope(assignment).id !== scope.id) continue;
      const derived = klDerivedNames(scope, names, statement);
      const loss = descendants(scope, "assignment", "augmented_assignment").find((use) => {
        if (use.startIndex < statement.endIndex) return false;
        const target = use.childForFieldName("left");
        const right = use.childForFieldName("right");
        return target && right && isLossName(subjectName(target)) && !isKlName(subjectName(target)) && mentions(right, derived) && !isRecomputedWithGrad(scope, names, statement, use);
      });
      if (loss) reports.push({ ...rangeOf(assignment), message: NO_GRAD_MESSAGE(names[0], loss.childForFieldName("left").text) });
    }
  }
  return reports;
}
function klDerivedNames(scope, names, block) {
  const derived = new Set(names);
  for (const assignment of descendants(scope, "assignment", "augmented_assignment")) {
    const right = assignment.childForFieldName("right");
    if (assignment.startIndex < block.endIndex || !right || !mentions(right, derived)) continue;
    for (const name2 of targetNames(assignment.childForFieldName("left"))) if (isKlName(name2.split(".").at(-1))) derived.add(name2);
  }
  return derived;
}
function isRecomputedWithGrad(scope, names, block, use) {
  return descendants(scope, "assignment").some((assignment) => assignment.startIndex > block.endIndex && assignment.endIndex < use.startIndex && targetNames(assignment.childForFieldName("left")).some((name2) => names.includes(name2)) && !descendants(scope, "with_statement").some((w) => isNoGradContext(w) && w.startIndex < assignment.startIndex && assignment.endIndex <= w.endIndex));
}
function noGradKlEstimators(file) {
  const reports = [];
  for (const decorated of descendants(file.root, "decorated_definition")) {
    const fn = decorated.childForFieldName("definition");
    if (fn?.type !== "function_definition") continue;
    const decorator = decorated.namedChildren.find((child) => child?.type === "decorator" && isNoGradContext(child));
    const name2 = functionName(fn);
    const words = nameWords(name2);
    if (!decorator || !isKlName(name2) || words.some((word) => LOGGING_WORDS.has(word))) continue;
    if (parametersOf(fn).filter((parameter) => LOG_PROB_NAME.test(parameter.name)).length < 2) continue;
    if (callsNamed(fn, "backward").length > 0 || /reward/i.test(fn.childForFieldName("body")?.text ?? "")) continue;
    reports.push({ ...rangeOf(decorator), message: DECORATOR_MESSAGE(name2) });
  }
  return reports;
}
function checkPython8(file) {
  return [...subtractedKl(file), ...klUnderNoGrad(file), ...noGradKlEstimators(file)].sort((a, b) => a.line - b.line || a.column - b.column);
}
var klLossSign = {
  meta: {
    code: "RL207",
    name: "kl-loss-sign",
    severity: "error",
    summary: "A KL penalty is subtracted from a minimized loss, or the KL-in-loss term is computed without gradients."
  },
  // Every finding names a KL (`kl` as a word of a name: `kl`, `kl_loss`, `per_token_kl`, `compute_approx_kl`), and
  // subtracts it (`- kl`, `-= beta * kl`, `- coef * kl_loss`) or computes it under `no_grad`/`inference_mode`.
  triggers: [/(?:\b|_)kld?s?(?:\b|_)/i, /-=?\s*\(?\s*(?:[\w.[\]"']+\s*\*\s*)?[\w.]*kl|no_grad|inference_mode/i],
  python: checkPython8
};

// src/analysis/rules/logprob-recompute-mismatch.ts
var LOG_PROB_CALLS = [...LOG_PROBS_FROM_LOGITS, "log_softmax"];
var RECOMPUTE_METHOD = /^(?:compute_(?:ref_|old_)?log_?probs?|compute_values|compute_old_log_probs?)$/;
var NO_MASK_MESSAGE = (call) => `\`${call}\` runs the model over padded sequences without \`attention_mask\`: left-padded prompts shift every position, and the pad tokens are attended to, so the log-probs differ from the ones the sampler computed (which never saw the padding) and the importance ratio is off from the first step. Pass the attention mask (and position ids from it).`;
var TRAIN_MODE_MESSAGE = (method) => `\`${method}\` recomputes log-probs or values with a model that nothing here puts in eval mode: a module is in train mode by default, so dropout (LoRA dropout, attention or hidden dropout) is on, and the "old" log-probs are one random draw that no later forward reproduces. Call \`.eval()\` for the recomputation and restore the mode after (\`module.train(prev_mode)\`).`;
var CROSS_ENTROPY_MESSAGE = (name2) => `\`${name2}\` holds \`cross_entropy(..., reduction="none")\`, which is the *negative* log-prob of each token: used as a log-prob, the ratio exp(logp - old_logp) and the KL come out inverted. Negate it (\`-F.cross_entropy(...)\`).`;
function isModelForward(call) {
  const name2 = calleeName(call);
  if (!name2) return false;
  const last = name2.slice(name2.lastIndexOf(".") + 1);
  return /^(?!(?:is|get|load|unwrap|create|build|init|prepare|wrap|save|to|set|make|copy)_)(?:\w*model|\w*module|policy|actor|forward)$/i.test(last) && !/generate|reward|critic|value/i.test(name2);
}
function passesMask(call) {
  return keywordArgument(call, "attention_mask") !== void 0 || keywordArgument(call, "position_ids") !== void 0 || splatArguments(call).length > 0 || positionalArguments(call).length >= 2 || /mask|packed|cu_seqlens|rmpad/i.test(call.childForFieldName("arguments")?.text ?? "");
}
function feedsLogProbs(scope, forward) {
  const computations = callsNamed(scope, ...LOG_PROB_CALLS).filter((c) => enclosingScope(c).id === scope.id);
  if (computations.some((c) => c.startIndex <= forward.startIndex && forward.endIndex <= c.endIndex)) return true;
  const names = receivingNames(forward);
  if (names.length === 0) return false;
  const derived = derivedNames(scope, names, { after: forward });
  return computations.some((c) => c.startIndex > forward.endIndex && mentions(c, derived));
}
function isPaddedPromptAndCompletion(file, scope, ids) {
  if (/pad/i.test(file.source)) return true;
  const isCat = (node) => descendants(node, "call").some((call) => ["cat", "concat", "concatenate", "hstack"].includes(calleeMethod(call)));
  if (isCat(ids)) return true;
  const names = /* @__PURE__ */ new Set([ids.text]);
  return descendants(scope, "assignment").some((assignment) => assignment.startIndex < ids.startIndex && targetNames(assignment.childForFieldName("left")).some((name2) => names.has(name2)) && isCat(assignment.childForFieldName("right")));
}
function forwardsWithoutMask(file) {
  const reports = [];
  for (const call of descendants(file.root, "call")) {
    if (!isModelForward(call) || passesMask(call) || isInTestFunction(call)) continue;
    const [ids] = positionalArguments(call);
    const input = ids ?? keywordArgument(call, "input_ids");
    if (!input || /packed|rmpad|unpad|embeds/i.test(input.text)) continue;
    const scope = enclosingScope(call);
    if (isPaddedPromptAndCompletion(file, scope, input) && feedsLogProbs(scope, call)) {
      reports.push({ ...rangeOf(call), message: NO_MASK_MESSAGE(calleeName(call)) });
    }
  }
  return reports;
}
function setsMode(node) {
  return callsNamed(node, "eval").length > 0 || callsNamed(node, "train").some((call) => positionalArguments(call).length > 0 || keywordArgument(call, "mode") !== void 0);
}
function recomputationsInTrainMode(file) {
  const reports = [];
  for (const cls of descendants(file.root, "class_definition")) {
    if (setsMode(cls)) continue;
    const methods = descendants(cls, "function_definition").filter((fn) => enclosing(fn, "class_definition")?.id === cls.id);
    const ownMethods = new Set(methods.map(functionName));
    for (const method of methods) {
      if (!RECOMPUTE_METHOD.test(functionName(method))) continue;
      const forwards = descendants(method, "call").some((call) => {
        const name2 = calleeName(call);
        return /^self\.\w*(?:module|model)s?\b/.test(name2) || name2.startsWith("self.") && ownMethods.has(calleeMethod(call)) && /forward/.test(calleeMethod(call));
      });
      if (forwards) reports.push({ ...rangeOf(method.childForFieldName("name")), message: TRAIN_MODE_MESSAGE(functionName(method)) });
    }
  }
  return reports;
}
function crossEntropyAsLogProbs(file) {
  const reports = [];
  for (const call of callsNamed(file.root, "cross_entropy", "cross_entropy_loss")) {
    const reduction = keywordArgument(call, "reduction");
    if (reduction?.text.replace(/['"]/g, "") !== "none" || isInTestFunction(call)) continue;
    const assignment = enclosing(call, "assignment");
    const right = assignment?.childForFieldName("right");
    if (!assignment || !right || unparenthesized(right).id !== call.id) continue;
    const [target] = targetNames(assignment.childForFieldName("left"));
    if (isLogProbName(target?.split(".").at(-1)) && !/nll|loss|neg/i.test(target)) {
      reports.push({ ...rangeOf(assignment), message: CROSS_ENTROPY_MESSAGE(target) });
    }
  }
  return reports;
}
function checkPython9(file) {
  return [...forwardsWithoutMask(file), ...recomputationsInTrainMode(file), ...crossEntropyAsLogProbs(file)].sort((a, b) => a.line - b.line || a.column - b.column);
}
var logprobRecomputeMismatch = {
  meta: {
    code: "RL202",
    name: "logprob-recompute-mismatch",
    severity: "warning",
    summary: "Log-probs are recomputed in a way that cannot match the sampler: no attention mask, dropout on, or cross-entropy taken as a log-prob."
  },
  // Every finding is a LOG_PROB_CALLS call in a file that pads or concatenates (`pad`, `cat`), a RECOMPUTE_METHOD's
  // definition (`def compute_log_prob(`), or a log-prob name assigned a cross-entropy (`logps = F.cross_entropy(`).
  triggers: [
    // Cheap and necessary: every alternative below names log-probs or a `compute_` method.
    /log_?p|log_softmax|def\s+compute_/i,
    /^(?=[\s\S]*(?:log_softmax|log_?probs_(?:from|of)_\w+|gather_log_probs)\s*\()(?=[\s\S]*(?:pad|cat|concat))|def\s+compute_(?:ref_|old_)?(?:log_?probs?|values)\s*\(|(?:log_?probs?|logps?)\w*\s*=\s*[\w.]*cross_entropy/i
  ],
  python: checkPython9
};

// src/analysis/rules/logprobs-without-temperature.ts
var ENTROPY_HELPERS = ["compute_entropy", "entropy_from_logits", "entropy_from_logits_with_chunking", "vocab_parallel_entropy"];
var LOG_SOFTMAX = ["log_softmax"];
var GATHERS = ["gather", "take_along_dim", "take_along_axis"];
var TEMPERATURE = /temp(?:erature)?s?\b|(?:^|_)tau\b/i;
var RL_CONTEXT = /\bold_\w*(?:log_?probs?|logps?)\b|\bclip_?range|\bclip_ratio|importance_sampling|\bppo\b/i;
var POLICY_CLASS = /actor|policy|ppo|grpo|rloo|reinforce/i;
var MESSAGE7 = (call, where) => (ENTROPY_HELPERS.includes(call) ? `\`${call}\` computes the entropy of logits that are not divided by the sampling temperature ${where}: the rollout sampled from softmax(logits / T), so the entropy bonus and its metric describe another distribution than the policy that is trained and sampled. ` : `\`${call}\` computes log-probs from logits that are not divided by the sampling temperature ${where}: the rollout sampled from softmax(logits / T), so the importance ratio and the KL compare two different distributions, and the ratio is off even on the first, exactly on-policy step. `) + "Divide the logits by the temperature first (`logits = logits / temperature`, or `logits.div_(temperature)`).";
var RAW_ENGINE_MESSAGE = (engine) => `\`${engine}(...)\` is built without \`logprobs_mode\`: vLLM's V1 engine then returns raw log-probs, taken before temperature scaling (and top-k/top-p), while tokens are sampled from the processed distribution. Used as the behaviour policy in importance sampling, they are not the sampler's log-probs. Pass \`logprobs_mode="processed_logprobs"\`.`;
var LOG_PROB_DIVISION_MESSAGE = (text) => `\`${text}\` divides log-probs by the temperature: temperature scales logits before the softmax, and log-probs divided by T are not the log-probs of any distribution. Use the engine's processed log-probs (or recompute them from logits / T).`;
function isLogitsName(name2) {
  return name2 !== void 0 && nameWords(name2).some((word) => word === "logits" || word === "logit");
}
function logitsOf(call) {
  const method = calleeMethod(call);
  const callee = call.childForFieldName("function");
  if (method === "log_softmax" && callee?.type === "attribute") {
    const object = callee.childForFieldName("object");
    if (!["torch", "F", "nn.functional", "torch.nn.functional", "jax.nn", "jnn"].includes(object.text)) return object;
  }
  return keywordArgument(call, "logits") ?? positionalArguments(call)[0];
}
function isGatheredLogSoftmax(call) {
  for (let p = call.parent; p && !/statement|^block$|^module$/.test(p.type); p = p.parent) {
    if (p.type === "call" && GATHERS.includes(calleeMethod(p))) return true;
  }
  const assignment = enclosing(call, "assignment");
  const target = assignment?.childForFieldName("left");
  if (!assignment || !target || target.type !== "identifier") return false;
  const scope = enclosingScope(call);
  return callsNamed(scope, ...GATHERS).some((gather) => gather.startIndex > assignment.endIndex && mentions(gather, /* @__PURE__ */ new Set([target.text])));
}
function logProbComputations(root) {
  const found = [];
  for (const call of callsNamed(root, ...LOG_PROBS_FROM_LOGITS, ...ENTROPY_HELPERS, ...LOG_SOFTMAX)) {
    if (LOG_SOFTMAX.includes(calleeMethod(call)) && !isGatheredLogSoftmax(call)) continue;
    const logits = logitsOf(call);
    if (logits && !isInTestFunction(call)) found.push({ call, logits });
  }
  return found;
}
function passesTemperature(call) {
  const args2 = call.childForFieldName("arguments");
  return args2 !== null && TEMPERATURE.test(args2.text);
}
function isTempered(scope, call, logits) {
  if (TEMPERATURE.test(logits.text)) return true;
  const names = new Set(references(logits).map((r) => r.name));
  const holders = derivedNames(scope, names);
  const before = (node) => node.startIndex < call.startIndex || enclosing(node, "for_statement", "while_statement") !== void 0;
  for (const node of descendants(scope, "binary_operator", "augmented_assignment")) {
    const operator2 = operatorOf(node);
    if ((operator2 === "/" || operator2 === "/=") && before(node) && TEMPERATURE.test(node.childForFieldName("right").text)) return true;
  }
  return descendants(scope, "call").some((c) => before(c) && c.id !== call.id && passesTemperature(c) && (mentions(c, holders) || /div/.test(calleeMethod(c))));
}
function forwardOrigins(scope, logits) {
  const isForward = (node) => descendants(node, "attribute", "subscript").some((n) => n.type === "attribute" && n.childForFieldName("attribute")?.text === "logits" || n.type === "subscript" && /^["']logits["']$/.test(n.childForFieldName("subscript")?.text ?? "")) || descendants(node, "call").some((c) => /model|forward|lm_head|module/i.test(c.childForFieldName("function")?.text ?? ""));
  if (isForward(logits)) return [logits];
  const names = new Set(references(logits).map((r) => r.name));
  return descendants(scope, "assignment").flatMap((assignment) => {
    const right = assignment.childForFieldName("right");
    const assigns = [...names].some((name2) => assignment.childForFieldName("left").text.split(/\s*,\s*/).includes(name2));
    return right !== null && assignment.startIndex < logits.startIndex && assigns && isForward(right) ? [right] : [];
  });
}
function temperedByHelper(file, origins) {
  const helpers = new Set(origins.flatMap((origin) => descendants(origin, "call").map(calleeMethod)));
  return descendants(file.root, "function_definition").some((fn) => helpers.has(functionName(fn)) && TEMPERATURE.test(fn.childForFieldName("body")?.text ?? ""));
}
function inPolicyClass(node) {
  const cls = enclosing(node, "class_definition");
  return cls !== void 0 && POLICY_CLASS.test(functionName(cls));
}
function untemperedLogProbs(file) {
  const fileHasTemperature = /temperature/i.test(file.source);
  const fileIsRl = RL_CONTEXT.test(file.source);
  const reports = [];
  for (const { call, logits } of logProbComputations(file.root)) {
    if (!isLogitsName(subjectName(logits)) && !isLogitsName(logits.text.split(/[[(]/)[0])) continue;
    const inPolicy = inPolicyClass(call);
    if (!fileIsRl && !inPolicy) continue;
    const scope = enclosingScope(call);
    if (passesTemperature(call) || isTempered(scope, call, logits)) continue;
    if (fileHasTemperature) {
      const origins = forwardOrigins(scope, logits);
      if (origins.length === 0 || temperedByHelper(file, origins)) continue;
      reports.push({ ...rangeOf(call), message: MESSAGE7(calleeMethod(call), "although the file has the temperature") });
    } else if (inPolicy) {
      reports.push({ ...rangeOf(call), message: MESSAGE7(calleeMethod(call), "anywhere in this policy (the file never reads the rollout temperature)") });
    }
  }
  return reports;
}
function dividedLogProbs(file) {
  const reports = [];
  for (const { node, numerator, divisor } of divisions(file.root)) {
    if (!TEMPERATURE.test(subjectName(unparenthesized(divisor)) ?? "")) continue;
    if (isLogProbName(subjectName(numerator)) && !isLogitsName(subjectName(numerator)) && !isInTestFunction(node)) {
      reports.push({ ...rangeOf(node), message: LOG_PROB_DIVISION_MESSAGE(node.text) });
    }
  }
  return reports;
}
var VLLM_ENGINES = ["LLM", "EngineArgs", "AsyncEngineArgs"];
function rawEngineLogProbs(file) {
  if (!/importance_sampling|\bold_\w*(?:log_?probs?|logps?)\b/i.test(file.source) || !/\blogprobs\b["']?\s*[=:]/.test(file.source)) return [];
  return callsNamed(file.root, ...VLLM_ENGINES).filter((call) => /^(?:vllm\.)?(?:LLM|EngineArgs|AsyncEngineArgs)$/.test(call.childForFieldName("function")?.text ?? "") && !keywordArgument(call, "logprobs_mode") && !call.childForFieldName("arguments")?.namedChildren.some((a) => a?.type === "dictionary_splat") && !isInTestFunction(call)).map((call) => ({ ...rangeOf(call), message: RAW_ENGINE_MESSAGE(calleeMethod(call)) }));
}
function checkPython10(file) {
  return [...untemperedLogProbs(file), ...dividedLogProbs(file), ...rawEngineLogProbs(file)].sort((a, b) => a.line - b.line || a.column - b.column);
}
var logprobsWithoutTemperature = {
  meta: {
    code: "RL201",
    name: "logprobs-without-temperature",
    severity: "warning",
    summary: "Per-token log-probs are computed from logits not divided by the sampling temperature (or log-probs are divided by it)."
  },
  // Every finding is a call of LOG_PROBS_FROM_LOGITS, ENTROPY_HELPERS or `log_softmax` in RL code (RL_CONTEXT) or a policy
  // class (POLICY_CLASS); a division of a log-prob name by a temperature; or a vLLM engine (VLLM_ENGINES) in a file
  // that corrects with importance sampling or old log-probs.
  triggers: [
    // Cheap and necessary: every alternative below names a log-prob helper, divides log-probs, or builds an engine.
    /log_softmax|log_?probs_(?:from|of)_|gather_log_probs|entropy_from_logits|compute_entropy|vocab_parallel_entropy|(?:log_?probs?|logps?)[\w"'\]]*\s*\/|\b(?:LLM|EngineArgs|AsyncEngineArgs)\s*\(/i,
    /^(?=[\s\S]*(?:log_softmax|log_?probs_(?:from|of)_\w+|gather_log_probs|entropy_from_logits\w*|compute_entropy|vocab_parallel_entropy)\s*\()(?=[\s\S]*(?:\bold_\w*(?:log_?probs?|logps?)\b|\bclip_?range|\bclip_ratio|importance_sampling|\bppo\b|class\s+\w*(?:actor|policy|ppo|grpo|rloo|reinforce)))|(?:log_?probs?|logps?)[\w"'\]]*\s*\/=?\s*[\w.]*(?:temp|tau)|^(?=[\s\S]*\b(?:LLM|EngineArgs|AsyncEngineArgs)\s*\()(?=[\s\S]*(?:importance_sampling|\bold_\w*(?:log_?probs?|logps?)\b))/i
  ],
  python: checkPython10
};

// src/analysis/rules/loss-aggregation-mismatch.ts
function tokenReductionOf(label) {
  const mode = label.toLowerCase().replace(/_/g, "-");
  if (mode === "token-mean") return "token-mean";
  if (/^(?:seq|sequence|sample)-mean(?:-token-mean)?$/.test(mode)) return "seq-mean-token-mean";
  if (/^(?:(?:seq|sequence|sample)-(?:mean|sum)-)?token-sum-norm$/.test(mode)) return "token-sum-norm";
  if (/^(?:(?:seq|sequence|sample)-(?:mean|sum)-)?token-sum$/.test(mode)) return "token-sum";
  return void 0;
}
var WRONG_IN = {
  "token-mean": { perSequenceMean: true, maskCount: false },
  "seq-mean-token-mean": { perSequenceMean: false, maskCount: false },
  "token-sum": { perSequenceMean: true, maskCount: false },
  "token-sum-norm": { perSequenceMean: true, maskCount: true }
};
var MEAN_HELPERS = /* @__PURE__ */ new Set(["masked_mean", "masked_average", "masked_avg"]);
var PER_SEQUENCE_MESSAGE = (label, what) => `The \`${label}\` branch averages each sequence over its tokens (${what}): that is seq-mean-token-mean. ` + (label.includes("sum") ? "A token-sum mode sums each sequence's tokens, so long answers weigh more; " : "token-mean averages over every token of the batch, so each token weighs the same; ") + "this branch trains with another mode's objective under its label. Use the reduction the label names.";
var MASK_COUNT_MESSAGE = (label) => `The \`${label}\` branch divides by a count of mask tokens: this mode (Dr. GRPO) divides by a constant (the maximum response length), so that the gradient does not depend on how long the answers were. Divide by a constant.`;
var DOUBLE_MESSAGE = (mean) => `\`${mean}\` is already divided by the number of tokens; dividing it by the mask's sum again averages twice, so each sequence's loss shrinks with the square of its length. Divide the masked *sum* by the token count, or use the masked mean alone.`;
function labelsTested(condition) {
  const comparisons = descendants(condition, "comparison_operator");
  const labels = [];
  for (const comparison2 of comparisons) {
    const operators = comparison2.children.filter((c) => c && !c.isNamed).map((c) => c.type);
    if (!operators.every((op) => op === "==" || op === "in")) continue;
    for (const operand of comparison2.namedChildren) {
      const items = operand && ["tuple", "list", "set"].includes(operand.type) ? operand.namedChildren : [operand];
      for (const item of items) {
        const label = stringValue(item);
        if (label !== void 0) labels.push(label);
      }
    }
  }
  return labels;
}
function modeBranches2(root) {
  const branches = [];
  for (const node of descendants(root, "if_statement", "elif_clause")) {
    const condition = node.childForFieldName("condition");
    const block = node.childForFieldName("consequence");
    if (!condition || !block || condition.type === "boolean_operator" && /\bnot\b|\bor\b/.test(condition.text)) continue;
    const labels = labelsTested(condition);
    const reductions = [...new Set(labels.map(tokenReductionOf))];
    if (labels.length === 0 || reductions.length !== 1 || reductions[0] === void 0) continue;
    branches.push({ label: labels.join("/"), reduction: reductions[0], block });
  }
  return branches;
}
function isPerSequenceMaskSum(node) {
  const bare = unparenthesized(node);
  if (!isMaskSum(bare)) return false;
  const dataIsArgument = reducedTensor(bare)?.id !== bare.childForFieldName("function")?.childForFieldName("object")?.id;
  return isTokenAxis(reductionDim(bare, dataIsArgument)) && !isSequenceMask(bare);
}
function isSequenceMask(maskSum) {
  const words = nameWords(subjectName(reducedTensor(maskSum)) ?? "");
  return words.some((word) => ["seq", "sequence", "sample", "samples", "valid"].includes(word));
}
function maskSumsIn(divisor) {
  return descendants(divisor, "call").filter((call) => isMaskSum(call) && !isSequenceMask(call));
}
function isMaskedMean(node) {
  return node.type === "call" && MEAN_HELPERS.has(calleeMethod(node));
}
function maskedMeanNames(scope) {
  const names = /* @__PURE__ */ new Set();
  for (const assignment of descendants(scope, "assignment")) {
    const right = assignment.childForFieldName("right");
    if (right && isMaskedMean(unparenthesized(right))) for (const name2 of targetNames(assignment.childForFieldName("left"))) names.add(name2);
  }
  return names;
}
function checkBranch(label, reduction, block) {
  const wrong = WRONG_IN[reduction];
  const reports = [];
  if (wrong.perSequenceMean) {
    for (const call of descendants(block, "call")) {
      if (isMaskedMean(call) && isTokenAxis(reductionDim(call, true))) {
        reports.push({ node: call, message: PER_SEQUENCE_MESSAGE(label, `\`${calleeMethod(call)}(..., dim=${reductionDim(call, true)})\``) });
      }
    }
    for (const { node, divisor } of divisions(block)) {
      const count = maskSumsIn(divisor).find(isPerSequenceMaskSum);
      if (count) reports.push({ node, message: PER_SEQUENCE_MESSAGE(label, `a division by \`${count.text}\``) });
    }
  }
  if (wrong.maskCount) {
    for (const { node, divisor } of divisions(block)) {
      if (maskSumsIn(divisor).length > 0 && !reports.some((r) => r.node.id === node.id)) {
        reports.push({ node, message: MASK_COUNT_MESSAGE(label) });
      }
    }
  }
  return reports;
}
function doubleNormalizations(root) {
  const reports = [];
  const namesByScope = /* @__PURE__ */ new Map();
  for (const { node, numerator, divisor } of divisions(root)) {
    if (maskSumsIn(divisor).length === 0) continue;
    const scope = enclosingScope(node);
    if (!namesByScope.has(scope.id)) namesByScope.set(scope.id, maskedMeanNames(scope));
    const names = namesByScope.get(scope.id);
    const bare = unparenthesized(numerator);
    const mean = isMaskedMean(bare) ? bare : descendants(numerator, "call").find(isMaskedMean);
    if (mean || names.size > 0 && isNameOnly(bare) && mentions(bare, names)) {
      reports.push({ node, message: DOUBLE_MESSAGE(mean ? `${calleeMethod(mean)}(...)` : bare.text) });
    }
  }
  return reports;
}
var MODE_NAME = /(?:^|\.)(?:loss_agg_mode|loss_reduction|loss_aggregation)$/;
var MODE_WORD = /loss_agg_mode|loss_reduction|loss_aggregation/;
var DROPPED_MODE_MESSAGE = (call, mode) => `\`${call}(...)\` is called without \`${mode}\`, which this function passes to the other losses: this loss then aggregates with its default mode whatever the config says, and the modes of the loss terms disagree. Pass \`loss_agg_mode=${mode}\`.`;
function droppedModes(root) {
  const flagged = [];
  for (const fn of descendants(root, "function_definition")) {
    if (!MODE_WORD.test(fn.text)) continue;
    const calls = descendants(fn, "call").filter((call) => enclosingScope(call).id === fn.id);
    const passing = calls.flatMap((call) => (call.childForFieldName("arguments")?.namedChildren ?? []).filter((arg) => arg?.type === "keyword_argument" && MODE_NAME.test(arg.childForFieldName("value")?.text ?? "")).map((arg) => arg.childForFieldName("value").text));
    const [mode] = passing;
    if (!mode) continue;
    for (const call of calls) {
      const method = calleeMethod(call);
      const args2 = call.childForFieldName("arguments");
      if (!/loss/i.test(method) || calleeName(call).startsWith("self.") || !args2 || args2.namedChildren.length < 2 || args2.text.includes(mode) || /agg|mode|reduction/.test(args2.text) || args2.namedChildren.some((arg) => arg?.type === "dictionary_splat")) continue;
      flagged.push({ node: call, message: DROPPED_MODE_MESSAGE(method, mode) });
    }
  }
  return flagged;
}
function isNameOnly(node) {
  return node.type === "identifier" || node.type === "attribute";
}
function checkPython11(file) {
  const flagged = /* @__PURE__ */ new Map();
  for (const branch of modeBranches2(file.root)) {
    for (const found of checkBranch(branch.label, branch.reduction, branch.block)) if (!flagged.has(found.node.id)) flagged.set(found.node.id, found);
  }
  for (const found of [...doubleNormalizations(file.root), ...droppedModes(file.root)]) flagged.set(found.node.id, found);
  return [...flagged.values()].filter(({ node }) => !isInTestFunction(node)).sort((a, b) => a.node.startIndex - b.node.startIndex).map(({ node, message: message4 }) => ({ ...rangeOf(node), message: message4 }));
}
var lossAggregationMismatch = {
  meta: {
    code: "RL205",
    name: "loss-aggregation-mismatch",
    severity: "error",
    summary: "A loss-aggregation branch does the arithmetic of another mode, or divides a masked mean by the token count again."
  },
  // Every finding reads a mask (a mask count or a masked mean), under a mode label (`token-mean`, `seq-mean-token-sum`,
  // `sequence_mean`), on a masked mean divided again, or beside a mode passed by name (`loss_agg_mode`).
  triggers: ["mask", /token[-_](?:mean|sum)|(?:seq|sequence|sample)[-_]mean|masked_(?:mean|average|avg)\b|loss_agg_mode|loss_reduction|loss_aggregation/],
  python: checkPython11
};

// src/analysis/rules/missing-generation-prompt.ts
var ROLLOUT_WORDS = /* @__PURE__ */ new Set([
  "rollout",
  "rollouts",
  "generate",
  "generates",
  "generating",
  "generation",
  "generations",
  "generator",
  "generators",
  "sample",
  "samples",
  "sampler",
  "sampling",
  "infer",
  "inference",
  "agent",
  "agents",
  "agentic",
  "policy",
  "act"
]);
var NOT_TEXT_GENERATOR = /* @__PURE__ */ new Set(["mask", "masks", "label", "labels", "data", "dataset", "loss", "id", "ids", "batch", "token", "tokens"]);
function isRolloutName(name2) {
  const words = nameWords(name2);
  if (name2.includes("get_action") || name2.includes("env_step")) return true;
  return words.some((word, i2) => ROLLOUT_WORDS.has(word) && !(word.startsWith("generator") && i2 > 0 && NOT_TEXT_GENERATOR.has(words[i2 - 1])));
}
var SFT_NAME = /\bsft\b|_sft|sft_|label|supervised|target/i;
var MESSAGE8 = "apply_chat_template() builds a generation prompt without add_generation_prompt=True: the policy must write the assistant header (`<|im_start|>assistant`) itself, the repeated-`<|im_start|>` failure.";
function generationPromptArgument(call) {
  const direct = keywordArgument(call, "add_generation_prompt");
  if (direct) return { value: direct, resolved: true };
  for (const splat of splatArguments(call)) {
    const dict = splat.type === "dictionary" ? splat : dictAssignedTo(splat);
    if (!dict) return { resolved: false };
    const pair = descendants(dict, "pair").find((p) => stringValue2(p.childForFieldName("key")) === "add_generation_prompt");
    if (pair) return { value: pair.childForFieldName("value") ?? void 0, resolved: true };
  }
  return { resolved: true };
}
function isChangedInPlace(scope, name2) {
  const itemAssigned = descendants(scope, "subscript").some((s) => s.childForFieldName("value")?.text === name2 && s.parent?.type === "assignment" && s.parent.childForFieldName("left")?.id === s.id);
  return itemAssigned || callsNamed(scope, "update", "setdefault", "pop").some(
    (c) => c.childForFieldName("function")?.childForFieldName("object")?.text === name2
  );
}
function dictAssignedTo(name2) {
  if (name2.type !== "identifier") return void 0;
  const scope = enclosingScope(name2);
  if (isChangedInPlace(scope, name2.text)) return void 0;
  const last = assignmentsTo(scope, name2.text).filter((a) => a.endIndex <= name2.startIndex).at(-1);
  const block = last?.parent?.parent;
  const runsFirst = block ? block.startIndex <= name2.startIndex && name2.endIndex <= block.endIndex : false;
  const right = runsFirst && last?.type === "assignment" ? last.childForFieldName("right") : void 0;
  return right?.type === "dictionary" ? right : void 0;
}
function stringValue2(node) {
  if (node?.type !== "string") return void 0;
  return node.namedChildren.filter((c) => c?.type === "string_content").map((c) => c.text).join("");
}
function endsWithAssistantTurn(messages) {
  if (!messages) return false;
  const list = messages.type === "list" ? messages : messages.type === "binary_operator" ? messages.childForFieldName("right") : void 0;
  const last = list?.type === "list" ? list.namedChildren.at(-1) : void 0;
  if (last?.type !== "dictionary") return false;
  return descendants(last, "pair").some(
    (p) => stringValue2(p.childForFieldName("key")) === "role" && stringValue2(p.childForFieldName("value")) === "assistant"
  );
}
function assignedName(call) {
  const assignment = enclosing(call, "assignment");
  const left = assignment?.childForFieldName("left");
  return left?.type === "identifier" || left?.type === "attribute" ? left.text : void 0;
}
function isTokenizerMethodCall(call) {
  const callee = call.childForFieldName("function");
  const receiver = callee?.type === "attribute" ? callee.childForFieldName("object")?.text : void 0;
  return receiver !== void 0 && receiver !== "self" && receiver !== "cls" && !receiver.startsWith("super(");
}
function isSupervised(call, scope) {
  const continueFinal = keywordArgument(call, "continue_final_message");
  if (continueFinal && literalTruth(continueFinal) !== false) return true;
  if (keywordArgument(call, "return_assistant_tokens_mask")) return true;
  if (endsWithAssistantTurn(positionalArguments(call)[0] ?? keywordArgument(call, "conversation"))) return true;
  const name2 = assignedName(call);
  if (name2 && SFT_NAME.test(name2)) return true;
  if (scope.type === "function_definition" && SFT_NAME.test(functionName(scope))) return true;
  if (name2) {
    const labelUses = [
      ...descendants(scope, "keyword_argument").filter((k) => k.childForFieldName("name")?.text === "labels"),
      ...descendants(scope, "pair").filter((p) => stringValue2(p.childForFieldName("key")) === "labels")
    ];
    if (labelUses.some((u) => descendants(u, "identifier", "attribute").some((n) => n.text === name2))) return true;
  }
  return false;
}
function feedsGeneration(call, scope) {
  const name2 = assignedName(call);
  return callsNamed(scope, ...GENERATION_CALLS).some((generation) => {
    const args2 = generation.childForFieldName("arguments");
    if (!args2) return false;
    if (args2.startIndex <= call.startIndex && call.endIndex <= args2.endIndex) return true;
    return name2 !== void 0 && descendants(args2, "identifier", "attribute").some((n) => n.text === name2);
  });
}
function isSlicedOrCompared(node) {
  const parent = node.parent;
  return parent?.type === "subscript" && parent.childForFieldName("value")?.id === node.id || parent?.type === "comparison_operator";
}
function isTemplateArithmetic(call, scope, explicitFalse) {
  if (isSlicedOrCompared(call)) return true;
  if (callsNamed(scope, "apply_chat_template").some((other) => other.id !== call.id && rendersGenerationPrompt(other))) return true;
  const name2 = assignedName(call);
  const uses = name2 ? descendants(scope, "identifier", "attribute").filter((n) => n.text === name2) : [];
  if (uses.some(isSlicedOrCompared)) return true;
  if (name2 && callsNamed(scope, "len").some((len) => positionalArguments(len)[0]?.text === name2)) return true;
  const owner = enclosing(call, "class_definition") ?? scope;
  return explicitFalse && callsNamed(owner, "apply_chat_template").some(rendersGenerationPrompt);
}
function rendersGenerationPrompt(call) {
  const value = keywordArgument(call, "add_generation_prompt");
  return value !== void 0 && literalTruth(value) === true;
}
var DONE_FLAG = /^(?:done|is_done|terminated|finished|is_finished|episode_done)$/;
function doneFlagIgnored(call) {
  const sliced = call.parent?.type === "subscript" && call.parent.childForFieldName("value")?.id === call.id && /^len\(/.test(call.parent.childForFieldName("subscript")?.namedChild(0)?.text ?? "");
  if (!sliced) return void 0;
  const scope = enclosingScope(call);
  for (const branch of descendants(scope, "if_statement", "elif_clause", "conditional_expression")) {
    const condition = branch.type === "conditional_expression" ? branch.namedChild(1) : branch.childForFieldName("condition");
    const flag = condition && descendants(condition, "identifier").find((n) => DONE_FLAG.test(n.text));
    if (flag && !(branch.startIndex <= call.startIndex && call.endIndex <= branch.endIndex)) return flag.text;
  }
  return void 0;
}
var AFTER_DONE_MESSAGE = (done) => `add_generation_prompt=True on every turn, also when the episode is over (\`${done}\` is tested elsewhere here, not for this rendering): a finished trajectory ends with an assistant header the model never generates. Pass add_generation_prompt=not ${done}.`;
function conversationOf(call) {
  return positionalArguments(call)[0] ?? keywordArgument(call, "conversation") ?? keywordArgument(call, "messages");
}
function isTurnPrefixDifference(call, scope) {
  const conversation = conversationOf(call);
  if (conversation?.type !== "binary_operator" || conversation.childForFieldName("operator")?.text !== "+") return false;
  const history = conversation.childForFieldName("left").text;
  const prefix = callsNamed(scope, "apply_chat_template").find((other) => other.id !== call.id && conversationOf(other)?.text === history);
  const [name2, prefixName] = [assignedName(call), prefix && assignedName(prefix)];
  if (!name2 || !prefixName) return false;
  const sliced = descendants(scope, "subscript").some((s) => s.childForFieldName("value")?.text === name2 && /^len\(\s*/.test(s.childForFieldName("subscript")?.namedChild(0)?.text ?? "") && s.childForFieldName("subscript").namedChild(0).text.includes(prefixName));
  const testsRoles = descendants(scope, "string").some((s) => stringValue2(s) === "assistant") && descendants(scope, "string").some((s) => stringValue2(s) === "role");
  return sliced && testsRoles;
}
function isPreferencePrompt(call, scope) {
  const conversation = conversationOf(call);
  const slice = conversation?.type === "subscript" ? conversation.childForFieldName("subscript") : void 0;
  if (slice?.type !== "slice" || !/^:\s*-\s*1$/.test(slice.text)) return false;
  const assignment = enclosing(call, "assignment");
  const target = assignment?.childForFieldName("left");
  const key = target?.type === "subscript" ? stringValue2(target.childForFieldName("subscript")) : target?.text;
  if (!key || !nameWords(key).includes("prompt")) return false;
  return descendants(scope, "string", "identifier").some((n) => /chosen|rejected/.test(n.type === "string" ? stringValue2(n) ?? "" : n.text));
}
function isInTest(call) {
  const fn = enclosingFunction(call);
  return fn !== void 0 && functionName(fn).startsWith("test_");
}
function methodClass(fn) {
  const definition = fn.parent?.type === "decorated_definition" ? fn.parent : fn;
  const owner = definition.parent?.parent;
  return owner?.type === "class_definition" ? owner : void 0;
}
function isGenerationPath2(call, scope) {
  if (callsNamed(scope, ...GENERATION_CALLS).length > 0) return true;
  const fn = enclosingFunction(call);
  const owner = fn ? methodClass(fn) : enclosing(call, "class_definition");
  return [fn, owner].some((definition) => definition !== void 0 && isRolloutName(functionName(definition)));
}
function checkPython12(file) {
  const reports = [];
  for (const call of callsNamed(file.root, "apply_chat_template")) {
    const { value, resolved } = generationPromptArgument(call);
    if (!resolved) continue;
    const done = value && literalTruth(value) === true ? doneFlagIgnored(call) : void 0;
    if (done && value?.parent?.type === "keyword_argument") {
      const fix2 = editFix(file.source, `Pass add_generation_prompt=not ${done}`, [{ start: value.startIndex, end: value.endIndex, text: `not ${done}` }]);
      reports.push({ ...rangeOf(call), message: AFTER_DONE_MESSAGE(done), fix: fix2 });
      continue;
    }
    if (value && literalTruth(value) !== false) continue;
    const scope = enclosingScope(call);
    if (!isTokenizerMethodCall(call) || isSupervised(call, scope)) continue;
    const generated = feedsGeneration(call, scope) || isTurnPrefixDifference(call, scope) || isPreferencePrompt(call, scope) || isGenerationPath2(call, scope) && !isTemplateArithmetic(call, scope, value !== void 0) && !isInTest(call);
    if (!generated) continue;
    const args2 = call.childForFieldName("arguments");
    const fix = value && value.parent?.type === "keyword_argument" ? editFix(file.source, "Pass add_generation_prompt=True", [{ start: value.startIndex, end: value.endIndex, text: "True" }]) : value ? void 0 : editFix(file.source, "Pass add_generation_prompt=True", [insertArgument(file.source, args2, "add_generation_prompt=True")]);
    reports.push({ ...rangeOf(call), message: MESSAGE8, ...fix ? { fix } : {} });
  }
  return reports;
}
function insertArgument(source, args2, text) {
  const close = args2.endIndex - 1;
  const inner = source.slice(args2.startIndex + 1, close);
  const trimmed = inner.trimEnd();
  const at = args2.startIndex + 1 + trimmed.length;
  if (args2.namedChildCount === 0) return { start: at, end: at, text };
  return trimmed.endsWith(",") ? { start: at, end: at, text: ` ${text}` } : { start: at, end: at, text: `, ${text}` };
}
function checkTypeScript2(file) {
  const { SyntaxKind, Node: Node2 } = file.morph;
  const reports = [];
  for (const call of file.sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node2.isPropertyAccessExpression(callee) || callee.getName() !== "apply_chat_template") continue;
    if (call.getArguments().length === 0) continue;
    const options = call.getArguments()[1];
    if (options && !Node2.isObjectLiteralExpression(options)) continue;
    const property = options?.getProperty("add_generation_prompt");
    if (options?.getProperties().some((p) => Node2.isSpreadAssignment(p))) continue;
    if (options?.getProperty("continue_final_message")) continue;
    let value;
    if (property) {
      if (!Node2.isPropertyAssignment(property)) continue;
      value = property.getInitializer()?.getText();
      if (value !== "false") continue;
    }
    if (!isTsGenerationPath(call, file)) continue;
    reports.push({ ...tsRangeOf(call), message: MESSAGE8, fix: tsFix(file, call, options) });
  }
  return reports;
}
function isTsGenerationPath(call, file) {
  const { Node: Node2, SyntaxKind } = file.morph;
  const fn = call.getFirstAncestor((a) => Node2.isFunctionLikeDeclaration(a));
  const scope = fn ?? file.sourceFile;
  const generates = scope.getDescendantsOfKind(SyntaxKind.CallExpression).some((c) => {
    const e = c.getExpression();
    const name2 = Node2.isPropertyAccessExpression(e) ? e.getName() : e.getText();
    return GENERATION_CALLS.includes(name2) || name2 === "generator";
  });
  if (generates) return true;
  return call.getAncestors().some((a) => {
    const name2 = a.getName?.();
    return (Node2.isFunctionLikeDeclaration(a) || Node2.isClassDeclaration(a)) && typeof name2 === "string" && isRolloutName(name2);
  });
}
function tsFix(file, call, options) {
  const { Node: Node2 } = file.morph;
  const description = "Pass add_generation_prompt: true";
  const property = options?.getProperty("add_generation_prompt");
  if (property && Node2.isPropertyAssignment(property)) {
    const init2 = property.getInitializer();
    return editFix(file.source, description, [{ start: init2.getStart(), end: init2.getEnd(), text: "true" }]);
  }
  if (options) {
    const at2 = options.getEnd() - 1;
    const inner = file.source.slice(options.getStart() + 1, at2).trimEnd();
    const start2 = options.getStart() + 1 + inner.length;
    const sep = inner.trim() === "" ? " " : inner.endsWith(",") ? " " : ", ";
    return editFix(file.source, description, [{ start: start2, end: start2, text: `${sep}add_generation_prompt: true${inner.trim() === "" ? " " : ""}` }]);
  }
  const args2 = call.getArguments();
  const at = args2[args2.length - 1].getEnd();
  return editFix(file.source, description, [{ start: at, end: at, text: ", { add_generation_prompt: true }" }]);
}
var missingGenerationPrompt = {
  meta: {
    code: "RL101",
    name: "missing-generation-prompt",
    severity: "error",
    summary: "A prompt fed to generation is built with apply_chat_template() without add_generation_prompt=True.",
    fix: "safe"
  },
  triggers: ["apply_chat_template"],
  python: checkPython12,
  typescript: checkTypeScript2
};

// src/analysis/rules/per-message-chat-template.ts
var CONVERSATION_NAME = /messages|conversation|conv\b|chat|dialog|history/i;
var CONCATENATIONS = ["cat", "concat", "concatenate", "hstack", "join"];
var MESSAGE9 = "apply_chat_template() renders a single message and the result is appended to a sequence: many templates (Qwen2.5) add their default system turn to every call, so spurious system turns enter the sequence. Render the conversation once, or render against a fixed base conversation and slice the base off.";
function oneMessageList(conversation) {
  if (conversation?.type === "identifier") {
    const assigned = assignmentsTo(enclosingScope(conversation), conversation.text).filter((a) => a.startIndex < conversation.startIndex).at(-1)?.childForFieldName("right");
    return assigned?.type === "list" && assigned.namedChildCount === 1 ? assigned : void 0;
  }
  return conversation?.type === "list" && conversation.namedChildCount === 1 ? conversation : void 0;
}
function singleMessage(call) {
  const message4 = oneMessageList(positionalArguments(call)[0] ?? keywordArgument(call, "conversation"))?.namedChild(0);
  if (!message4 || message4.type === "list" || message4.type === "list_splat") return void 0;
  const name2 = message4.type === "attribute" ? message4.childForFieldName("attribute")?.text : message4.text;
  if (message4.type !== "subscript" && CONVERSATION_NAME.test(name2 ?? "")) return void 0;
  const role = descendants(message4, "pair").find((p) => stringValue(p.childForFieldName("key")) === "role");
  return stringValue(role?.childForFieldName("value")) === "system" ? void 0 : message4;
}
function isTemplateWithoutSystem(node) {
  const literal = node?.type === "parenthesized_expression" ? node.namedChild(0) : node;
  return (literal?.type === "string" || literal?.type === "concatenated_string") && !/system/i.test(literal.text);
}
function controlsSystemTurn(file, call) {
  const keywords = call.childForFieldName("arguments")?.namedChildren.filter((a) => a?.type === "keyword_argument") ?? [];
  if (keywords.some((k) => /system/i.test(k?.childForFieldName("name")?.text ?? ""))) return true;
  if (isTemplateWithoutSystem(keywordArgument(call, "chat_template"))) return true;
  return descendants(file.root, "assignment").some((a) => {
    const left = a.childForFieldName("left");
    return left?.type === "attribute" && left.childForFieldName("attribute")?.text === "chat_template" && isTemplateWithoutSystem(a.childForFieldName("right"));
  });
}
function wholeValue(node) {
  let value = node;
  for (let parent = value.parent; parent; parent = value.parent) {
    if (parent.type === "subscript" && parent.childForFieldName("value")?.id === value.id) {
      if (parent.childForFieldName("subscript")?.type === "slice") return void 0;
      value = parent;
    } else if (parent.type === "attribute" && parent.childForFieldName("object")?.id === value.id) {
      value = parent;
    } else if (parent.type === "await" || parent.type === "parenthesized_expression") {
      value = parent;
    } else if (parent.type === "argument_list" && parent.parent && VALUE_WRAPPERS.includes(calleeMethod(parent.parent)) && positionalArguments(parent.parent)[0]?.id === value.id) {
      value = parent.parent;
    } else {
      break;
    }
  }
  return value;
}
function isAppended(value, isText) {
  const parent = value.parent;
  switch (parent?.type) {
    case "augmented_assignment":
      return parent.childForFieldName("operator")?.type === "+=" && parent.childForFieldName("right")?.id === value.id;
    case "binary_operator":
      return parent.childForFieldName("operator")?.type === "+" && parent.childForFieldName("right")?.id === value.id;
    case "argument_list":
      return !isText && calleeMethod(parent.parent) === "extend";
    case "list":
      return parent.namedChild(0)?.id !== value.id && parent.parent?.type === "argument_list" && CONCATENATIONS.includes(calleeMethod(parent.parent.parent));
    default:
      return false;
  }
}
function assignedName2(value) {
  const parent = value.parent;
  if (parent?.type !== "assignment" || parent.childForFieldName("right")?.id !== value.id) return void 0;
  const left = parent.childForFieldName("left");
  return left?.type === "identifier" ? left.text : void 0;
}
function isSlicedInScope(scope, name2) {
  return descendants(scope, "assignment").some((a) => {
    const right = a.childForFieldName("right");
    return a.childForFieldName("left")?.text === name2 && right?.type === "subscript" && right.childForFieldName("value")?.text === name2 && right.childForFieldName("subscript")?.type === "slice";
  });
}
function flowsIntoSequence(value, isText, hops = 1) {
  const whole = wholeValue(value);
  if (!whole) return false;
  if (isAppended(whole, isText)) return true;
  const tokenizer = whole.parent?.type === "argument_list" ? whole.parent.parent : null;
  if (tokenizer && hops > 0 && isTokenizerCall(tokenizer) && positionalArguments(tokenizer)[0]?.id === whole.id) {
    return flowsIntoSequence(tokenizer, false, hops - 1);
  }
  const name2 = assignedName2(whole);
  const scope = enclosingScope(whole);
  if (!name2 || isSlicedInScope(scope, name2)) return false;
  const assignments = assignmentsTo(scope, name2);
  const holdsThisValue = (use) => assignments.filter((a) => a.endIndex < use.startIndex).at(-1)?.id === whole.parent.id;
  return descendants(scope, "identifier").some((use) => use.text === name2 && enclosingScope(use).id === scope.id && holdsThisValue(use) && flowsIntoSequence(use, isText, hops));
}
function rendersText(call) {
  const tokenize = keywordArgument(call, "tokenize");
  return !!tokenize && literalTruth(tokenize) === false;
}
function checkPython13(file) {
  return callsNamed(file.root, "apply_chat_template").filter((call) => singleMessage(call) && !controlsSystemTurn(file, call) && flowsIntoSequence(call, rendersText(call))).map((call) => ({ ...rangeOf(call), message: MESSAGE9 }));
}
var perMessageChatTemplate = {
  meta: {
    code: "RL111",
    name: "per-message-chat-template",
    severity: "warning",
    summary: "apply_chat_template() renders one message at a time and the pieces are concatenated into one sequence."
  },
  triggers: ["apply_chat_template"],
  python: checkPython13
};

// src/analysis/rules/prompt-right-truncation.ts
var TOKENIZE_METHODS = ["encode", "encode_plus", "batch_encode_plus", "__call__"];
var TOKENIZER_CALLEE = /tokenizer$|^tok$|processor$|processing_class$/i;
var MESSAGE10 = 'A prompt templated with add_generation_prompt=True is tokenized with truncation=True and max_length on the default right side: a long prompt loses its end, the `<|im_start|>assistant\\n` generation prompt with it. Truncate from the left (truncation_side="left" on the tokenizer) or keep the last tokens (`ids[-max_len:]`).';
function isTemplatedPrompt(call) {
  if (calleeMethod(call) === "maybe_apply_chat_template") return true;
  const generationPrompt = keywordArgument(call, "add_generation_prompt");
  return calleeMethod(call) === "apply_chat_template" && generationPrompt !== void 0 && literalTruth(generationPrompt) === true;
}
function truncatesToMaxLength(call) {
  const truncation = keywordArgument(call, "truncation");
  if (!truncation || !keywordArgument(call, "max_length")) return false;
  return literalTruth(truncation) === true && !truncation.text.includes("do_not_truncate");
}
function isTokenizerCall2(call) {
  const name2 = calleeName(call);
  return TOKENIZE_METHODS.includes(calleeMethod(call)) || TOKENIZER_CALLEE.test(name2.slice(name2.lastIndexOf(".") + 1));
}
function setsTruncationSide(root) {
  const values = [
    ...descendants(root, "keyword_argument").filter((k) => k.childForFieldName("name")?.text === "truncation_side").map((k) => k.childForFieldName("value")),
    ...descendants(root, "assignment").filter((a) => a.childForFieldName("left")?.text.endsWith(".truncation_side")).map((a) => a.childForFieldName("right"))
  ];
  return values.some((value) => !/^["']right["']$/.test(value?.text ?? ""));
}
function encodedText(call) {
  return positionalArguments(call)[0] ?? keywordArgument(call, "text");
}
function templatingHelpers(root) {
  return descendants(root, "function_definition").flatMap((fn) => {
    const statements = (fn.childForFieldName("body")?.namedChildren ?? []).filter((s) => s !== null && s.type !== "comment" && !(s.type === "expression_statement" && s.namedChild(0)?.type === "string"));
    const value = statements.length === 1 && statements[0].type === "return_statement" ? statements[0].namedChild(0) : null;
    return value?.type === "call" && isTemplatedPrompt(value) ? [functionName(fn)] : [];
  });
}
function checkPython14(file) {
  if (setsTruncationSide(file.root)) return [];
  const reports = [];
  const helpers = templatingHelpers(file.root);
  const sources2 = [
    ...callsNamed(file.root, "apply_chat_template", "maybe_apply_chat_template").filter(isTemplatedPrompt),
    ...callsNamed(file.root, ...helpers)
  ];
  const flagged = /* @__PURE__ */ new Set();
  for (const source of sources2) {
    const scope = enclosingScope(source);
    const tokenize = keywordArgument(source, "tokenize");
    const tokenizes = !tokenize || literalTruth(tokenize) !== false;
    if (tokenizes && truncatesToMaxLength(source) && !isOnlyMeasured(source, scope)) flagged.add(source.id);
    const prompts = derivedNames(scope, receivingNames(source), { after: source });
    for (const call of descendants(scope, "call")) {
      if (!isTokenizerCall2(call) || !truncatesToMaxLength(call)) continue;
      const text = encodedText(call);
      if (!text || !contains(call, source) && !runsAfter(source, call)) continue;
      if ((contains(text, source) || mentions(text, prompts)) && !isOnlyMeasured(call, scope)) flagged.add(call.id);
    }
  }
  for (const call of descendants(file.root, "call")) {
    if (flagged.has(call.id)) reports.push({ ...rangeOf(call), message: MESSAGE10 });
  }
  return reports;
}
var promptRightTruncation = {
  meta: {
    code: "RL108",
    name: "prompt-right-truncation",
    severity: "error",
    summary: "A templated prompt is truncated from the right, cutting off the generation prompt at its end."
  },
  // Every finding truncates (`truncation=`, `max_length=`) a prompt from a `maybe_apply_chat_template` or an
  // `apply_chat_template` given `add_generation_prompt=`.
  triggers: [/\badd_generation_prompt\s*=|maybe_apply_chat_template/, /\btruncation\s*=/, /\bmax_length\s*=/],
  python: checkPython14
};

// src/analysis/rules/recent-window-normalization.ts
var SPREAD_STATISTICS = ["std", "var", "nanstd", "nanvar", "stdev", "pstdev", "variance", "pvariance"];
var WHITEN_CALLS = ["whiten", "masked_whiten"];
var CONVERSIONS = ["array", "asarray", "tensor", "as_tensor", "stack", "cat", "concatenate", "list", "tuple", "fromiter"];
var NORMALIZED_DATA = /^(rewards?|rews?|obs|observations?|returns?|rets?|scores?)$/i;
var BATCH_NORMALIZED_DATA = /^(rewards?|rews?|obs|observations?|scores?)$/i;
var ADVANTAGE = /^(adv|advs|advantages?)$/i;
var ADVANTAGE_ESTIMATOR = /^(adv|advantages?|grpo|rloo|reinforce|baseline|group|grouped)$/i;
var CRITIC_CONTEXT = /^(values?|vpreds?|critic|gae|gamma|lam|lambd|lmbda|discount|discounted)$/i;
var MOVING_AVERAGE_COEFFICIENT = /decay|momentum|beta|alpha|ema|smooth|rho|tau/i;
var SPREAD_NAME = /std|var|sigma/i;
var STATEMENT = /_statement$|^(assignment|augmented_assignment|block|module|lambda|function_definition|class_definition)$/;
function namesMatch(text, pattern) {
  return text.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).some((segment) => pattern.test(segment));
}
var message = (source) => `Normalized with statistics of recent data only (${source}): keep a running mean/std over all data seen (Welford or parallel-variance update); rescaling by recent data moves the objective under the optimizer.`;
function unparenthesized2(node) {
  let value = node;
  while (value.type === "parenthesized_expression" && value.namedChild(0)) value = value.namedChild(0);
  return value;
}
function operator(node) {
  return node.type === "binary_operator" || node.type === "augmented_assignment" ? node.childForFieldName("operator")?.type : void 0;
}
function contains2(outer, inner) {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}
var isInteger = (node) => node.type === "integer" || node.type === "unary_operator" && node.namedChild(0)?.type === "integer";
function statisticData(call) {
  const callee = call.childForFieldName("function");
  const [first] = positionalArguments(call);
  if (callee.type === "identifier" || first && !isInteger(first)) return first;
  return callee.childForFieldName("object") ?? void 0;
}
function reducesWholeBatch(call, data) {
  const dimension = keywordArgument(call, "dim") ?? keywordArgument(call, "axis") ?? positionalArguments(call).find((argument) => argument.id !== data.id);
  return !dimension || dimension.text === "0";
}
function isRecentSlice(node) {
  const slice = node.type === "subscript" ? node.childForFieldName("subscript") : void 0;
  const start2 = slice?.type === "slice" ? slice.child(0) : void 0;
  return slice?.namedChildCount === 1 && start2?.type === "unary_operator" && start2.child(0)?.type === "-";
}
function withoutConversions(node) {
  let value = unparenthesized2(node);
  for (; ; ) {
    const callee = value.type === "call" ? value.childForFieldName("function")?.text ?? "" : "";
    const [first] = value.type === "call" ? positionalArguments(value) : [];
    if (!first || !CONVERSIONS.includes(callee.slice(callee.lastIndexOf(".") + 1))) return value;
    value = unparenthesized2(first);
  }
}
function ownerOf(name2) {
  return name2.type === "attribute" && enclosing(name2, "class_definition") || enclosingScope(name2);
}
function bindingsOf(name2) {
  const valuesOf = (assignments) => assignments.filter((a) => a.type === "assignment" && a.childForFieldName("left")?.text === name2.text).map((a) => a.childForFieldName("right")).filter((value) => value !== null);
  if (name2.type === "attribute") return valuesOf(descendants(ownerOf(name2), "assignment"));
  const local = valuesOf(assignmentsTo(enclosingScope(name2), name2.text));
  if (local.length > 0) return local;
  let module2 = name2;
  while (module2.parent) module2 = module2.parent;
  return valuesOf(assignmentsTo(module2, name2.text));
}
function usesOf(name2) {
  if (name2.type === "attribute") return descendants(ownerOf(name2), "attribute").filter((a) => a.text === name2.text);
  return descendants(ownerOf(name2), "identifier").filter((identifier) => {
    const parent = identifier.parent;
    const isField = parent?.type === "attribute" && parent.childForFieldName("attribute")?.id === identifier.id || parent?.type === "keyword_argument" && parent.childForFieldName("name")?.id === identifier.id;
    return identifier.text === name2.text && !isField;
  });
}
function dequeMaxlen(value) {
  const callee = value.type === "call" ? value.childForFieldName("function")?.text : void 0;
  if (callee !== "deque" && callee !== "collections.deque") return void 0;
  const maxlen = keywordArgument(value, "maxlen") ?? positionalArguments(value)[1];
  return maxlen?.type === "none" ? void 0 : maxlen;
}
function sliceLength(slice) {
  return slice.childForFieldName("subscript").child(0).namedChild(0).text;
}
function isTrimmedFromFront(name2) {
  return callsNamed(ownerOf(name2), "pop", "popleft").some((call) => {
    const callee = call.childForFieldName("function");
    if (callee.childForFieldName("object")?.text !== name2.text) return false;
    const [index] = positionalArguments(call);
    return callee.childForFieldName("attribute")?.text === "popleft" || index?.text === "0";
  });
}
function windowOf(data, depth = 2) {
  const value = withoutConversions(data);
  if (isRecentSlice(value)) return `\`${value.text}\`, the last ${sliceLength(value)} values`;
  if (value.type !== "identifier" && value.type !== "attribute") return void 0;
  if (isTrimmedFromFront(value)) return `\`${value.text}\`, trimmed with pop(0)`;
  for (const binding of depth > 0 ? bindingsOf(value) : []) {
    const maxlen = dequeMaxlen(binding);
    const window2 = maxlen ? `\`${value.text}\`, a deque(maxlen=${maxlen.text})` : windowOf(binding, depth - 1);
    if (window2) return window2;
  }
  return void 0;
}
function isMovingAverageCoefficient(node) {
  const value = unparenthesized2(node);
  if (value.type === "float") return Number(value.text) > 0 && Number(value.text) < 1;
  if (operator(value) === "-" && /^1(\.0*)?$/.test(value.childForFieldName("left").text)) {
    return isMovingAverageCoefficient(value.childForFieldName("right"));
  }
  if (value.type === "attribute") return MOVING_AVERAGE_COEFFICIENT.test(value.childForFieldName("attribute").text);
  return value.type === "identifier" && MOVING_AVERAGE_COEFFICIENT.test(value.text) && bindingsOf(value).every((binding) => binding.type === "float");
}
function decayedFactor(node) {
  const term = unparenthesized2(node);
  if (operator(term) !== "*") return void 0;
  const [left, right] = [term.childForFieldName("left"), term.childForFieldName("right")];
  if (isMovingAverageCoefficient(left)) return unparenthesized2(right);
  return isMovingAverageCoefficient(right) ? unparenthesized2(left) : void 0;
}
function mentions2(node, name2) {
  return node !== void 0 && descendants(node, name2.type).some((n) => n.text === name2.text);
}
function isMovingAverageUpdate(update, target) {
  const right = update.childForFieldName("right");
  if (!right) return false;
  const value = unparenthesized2(right);
  if (update.type === "augmented_assignment") {
    return (operator(update) === "+=" || operator(update) === "-=") && mentions2(decayedFactor(value), target);
  }
  if (operator(value) !== "+") return false;
  const terms = [value.childForFieldName("left"), value.childForFieldName("right")];
  return terms.some((term) => decayedFactor(term)?.text === target.text) || terms.some((term) => term.text === target.text) && terms.some((term) => mentions2(decayedFactor(term), target));
}
function isInPlaceMovingAverage(call) {
  if (calleeMethod(call) === "lerp_") return true;
  const [factor] = positionalArguments(call);
  const chained = call.parent?.type === "attribute" && call.parent.childForFieldName("attribute")?.text === "add_";
  return chained && factor !== void 0 && isMovingAverageCoefficient(factor);
}
function movingAverages(root) {
  const updated = descendants(root, "assignment", "augmented_assignment").filter((update) => SPREAD_NAME.test(update.text) && isMovingAverageUpdate(update, update.childForFieldName("left"))).map((update) => update.childForFieldName("left"));
  const inPlace = callsNamed(root, "mul_", "lerp_").filter(isInPlaceMovingAverage).map((call) => call.childForFieldName("function").childForFieldName("object"));
  return [...updated, ...inPlace].filter(
    (name2) => (name2.type === "identifier" || name2.type === "attribute") && SPREAD_NAME.test(name2.text)
  );
}
function windowStatistics(root) {
  return callsNamed(root, ...SPREAD_STATISTICS).flatMap((call) => {
    const data = statisticData(call);
    const source = data && windowOf(data);
    return source ? [{ node: call, source, hops: 2 }] : [];
  });
}
function movingAverageStatistics(root) {
  return movingAverages(root).flatMap((name2) => usesOf(name2).map((use) => ({ node: use, source: `\`${name2.text}\`, an exponential moving average`, hops: 2 })));
}
function batchStatistics(root) {
  return callsNamed(root, ...SPREAD_STATISTICS).flatMap((call) => {
    const data = statisticData(call);
    if (!data || !reducesWholeBatch(call, data) || !namesMatch(data.text, BATCH_NORMALIZED_DATA)) return [];
    const batchMode = isBatchMode(call);
    const source = `\`${call.text}\`, the current batch's own statistic${batchMode ? ` (the normalizer's "batch" mode)` : ""}`;
    return [{ node: call, source, batchData: data, hops: 1, ...batchMode ? { batchMode } : {} }];
  });
}
function isBatchMode(node) {
  for (let p = node.parent; p && p.type !== "function_definition"; p = p.parent) {
    if (p.type !== "if_statement" && p.type !== "elif_clause") continue;
    const condition = p.childForFieldName("condition");
    if (condition?.type === "comparison_operator" && descendants(condition, "string").some((s) => /^["']batch["']$/.test(s.text))) return true;
  }
  return false;
}
var LEARNED_CRITIC = /^(values|vpreds?|critic)$/i;
function climb(node) {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    const divides = operator(parent) === "/" || operator(parent) === "/=";
    if (divides && parent.childForFieldName("right")?.id === child.id) {
      return { division: { node: parent, normalized: parent.childForFieldName("left") }, child };
    }
    if (STATEMENT.test(parent.type)) return { statement: parent, child };
  }
  return { child };
}
function assignedName3(node) {
  const { statement, child } = climb(node);
  if (statement?.type !== "assignment" || statement.childForFieldName("right")?.id !== child.id) return void 0;
  const left = statement.childForFieldName("left");
  if (child.type === "expression_list" && (left.type === "pattern_list" || left.type === "tuple_pattern")) {
    const index = child.namedChildren.findIndex((element) => element !== null && contains2(element, node));
    return index >= 0 ? left.namedChild(index) ?? void 0 : void 0;
  }
  return left.type === "identifier" || left.type === "attribute" ? left : void 0;
}
function divisionsReached(node, hops) {
  const { division } = climb(node);
  if (division) return [division];
  const name2 = hops > 0 ? assignedName3(node) : void 0;
  return name2 ? usesOf(name2).flatMap((use) => divisionsReached(use, hops - 1)) : [];
}
function enclosingNames(node) {
  return [enclosingFunction(node), enclosing(node, "class_definition")].map((definition) => definition ? functionName(definition) : "");
}
function trainsCritic(node) {
  return descendants(enclosingScope(node), "identifier").some((identifier) => {
    const parent = identifier.parent;
    const calledMethod = parent?.type === "attribute" && parent.childForFieldName("attribute")?.id === identifier.id && parent.parent?.type === "call";
    return !calledMethod && namesMatch(identifier.text, CRITIC_CONTEXT);
  });
}
function mentionsLearnedCritic(node) {
  return descendants(enclosingScope(node), "identifier").some((identifier) => LEARNED_CRITIC.test(identifier.text));
}
function normalizesData(normalization, statistic) {
  const { statement } = climb(normalization.node);
  const target = statement?.type === "assignment" || statement?.type === "augmented_assignment" ? statement.childForFieldName("left").text : "";
  if (namesMatch(normalization.normalized.text, ADVANTAGE) || namesMatch(target, ADVANTAGE)) return false;
  if (statistic.batchData) {
    const data = statistic.batchData;
    const named = descendants(normalization.normalized, data.type).some((n) => n.text === data.text);
    if (!named && !mentions(normalization.normalized, derivedNames(enclosingScope(normalization.node), [data.text]))) return false;
    if (statistic.batchMode) return true;
    const estimator = enclosingNames(normalization.node).some((name2) => namesMatch(name2, ADVANTAGE_ESTIMATOR));
    return trainsCritic(normalization.node) && (!estimator || mentionsLearnedCritic(normalization.node));
  }
  return [normalization.normalized.text, target, statistic.source, ...enclosingNames(normalization.node)].some((text) => namesMatch(text, NORMALIZED_DATA));
}
function whitenings(root) {
  return callsNamed(root, ...WHITEN_CALLS).flatMap((call) => {
    const [data] = positionalArguments(call);
    if (!data || !namesMatch(data.text, BATCH_NORMALIZED_DATA)) return [];
    const helper = call.childForFieldName("function").text;
    const source = `\`${helper}(${data.text}, ...)\`, the current batch's own statistics`;
    const statistic = { node: call, source, batchData: data, hops: 0 };
    return [{ normalization: { node: call, normalized: data }, statistic }];
  });
}
function checkPython15(file) {
  const candidates = [
    ...[...windowStatistics(file.root), ...movingAverageStatistics(file.root), ...batchStatistics(file.root)].flatMap((statistic) => divisionsReached(statistic.node, statistic.hops).map((normalization) => ({ normalization, statistic }))),
    ...whitenings(file.root)
  ];
  const reported = /* @__PURE__ */ new Map();
  for (const { normalization, statistic } of candidates) {
    if (reported.has(normalization.node.startIndex) || !normalizesData(normalization, statistic)) continue;
    const severity = statistic.batchMode ? { severity: "info" } : {};
    reported.set(normalization.node.startIndex, { ...rangeOf(normalization.node), message: message(statistic.source), ...severity });
  }
  return [...reported.entries()].sort(([a], [b]) => a - b).map(([, report]) => report);
}
var recentWindowNormalization = {
  meta: {
    code: "RL103",
    name: "recent-window-normalization",
    severity: "warning",
    summary: "Observations or rewards are normalized with statistics of recent data only, not running statistics."
  },
  // Every finding starts from a SPREAD_STATISTICS or WHITEN_CALLS call, an in-place `lerp_(` or `mul_(k).add_(`,
  // or a moving average assigned to a target that SPREAD_NAME matches: a `=` with such a word before it on its
  // line, and the `*` of the decay after it there, unless the value goes on to the next line (a backslash ends the
  // line, or a bracket opened after the `=` is not closed on it).
  triggers: [
    /\b(?:nan)?(?:std|var)\s*\(|\bp?(?:stdev|variance)\s*\(|\b(?:masked_)?whiten\s*\(|\blerp_\s*\(|\bmul_\s*\((?:[^()]|\([^()]*\))*\)\s*\.\s*add_|(?:std|var|sigma)[^=\n]*=(?!=)(?:[^\n]*\*|[^\n]*\\[ \t]*$|[^\n]*[([{](?![^\n]*[)\]}]))/im
  ],
  python: checkPython15
};

// src/analysis/rules/reward-lost-in-plumbing.ts
var REWARD_WORDS = /* @__PURE__ */ new Set(["score", "scores", "reward", "rewards", "acc", "accuracy"]);
var NOT_A_VALUE = /* @__PURE__ */ new Set([
  "fn",
  "fns",
  "func",
  "funcs",
  "function",
  "compute",
  "get",
  "calc",
  "calculate",
  "default",
  "model",
  "models",
  "manager",
  "config",
  "kwargs",
  "info",
  "infos",
  "logs",
  "type",
  "name",
  "names",
  "key",
  "keys",
  "url",
  "urls",
  "use",
  "enable",
  "is",
  "has"
]);
var OR_MESSAGE = (read) => `\`${read} or ...\` replaces a reward of 0 (falsy) with the fallback: a score of 0.0 is a real score, and the sample is paid something else. Test \`is None\` instead.`;
var ZEROS_MESSAGE = (reward, scores) => `\`${reward}\` is set to zeros shaped like \`${scores}\` and never filled: every sample's reward is 0, whatever \`${scores}\` says. Use the scores themselves.`;
var FLAG_MESSAGE = (flag, sample) => `The reward is zeroed whenever \`${flag}\` is set, for every sample: the flag's own per-sample condition (\`${sample}\`) is not tested, so all rewards become 0. Test both.`;
function isRewardName(name2) {
  const words = nameWords(name2);
  return REWARD_WORDS.has(words.at(-1) ?? "") && !words.some((w) => NOT_A_VALUE.has(w));
}
function isRewardRead(node) {
  if (node.type === "call" && calleeMethod(node) === "get") {
    const args2 = positionalArguments(node);
    const key = stringValue(args2[0]);
    return args2.length === 1 && key !== void 0 && isRewardName(key) ? key : void 0;
  }
  if (node.type === "subscript") {
    const key = stringValue(node.childForFieldName("subscript"));
    return key !== void 0 && isRewardName(key) ? key : void 0;
  }
  if (node.type === "attribute") {
    const name2 = node.childForFieldName("attribute").text;
    return isRewardName(name2) ? name2 : void 0;
  }
  return node.type === "identifier" && isRewardName(node.text) ? node.text : void 0;
}
function isFalsyLiteral(node) {
  switch (node.type) {
    case "integer":
    case "float":
      return Number(node.text.replace(/_/g, "")) === 0;
    case "none":
    case "false":
      return true;
    case "list":
    case "dictionary":
    case "tuple":
      return node.namedChildCount === 0;
    case "string":
      return stringValue(node) === "";
    default:
      return false;
  }
}
function falsyRewardFallbacks(root) {
  return descendants(root, "boolean_operator").flatMap((node) => {
    if (node.childForFieldName("operator")?.text !== "or") return [];
    const left = node.childForFieldName("left");
    const right = node.childForFieldName("right");
    const read = isRewardRead(left);
    const isCondition = ["if_statement", "elif_clause", "while_statement", "conditional_expression", "assert_statement"].includes(node.parent?.type ?? "") && node.parent?.childForFieldName("condition")?.id === node.id;
    if (!read || isFalsyLiteral(right) || isCondition || node.parent?.type === "not_operator") return [];
    return [{ node, message: OR_MESSAGE(left.text) }];
  });
}
var IN_PLACE = /_$|^(?:scatter|index_put|masked_fill|copy|fill|put|update|append|extend)/;
function unfilledZeros(root) {
  return callsNamed(root, "zeros_like").flatMap((call) => {
    const [source] = positionalArguments(call);
    const assignment = call.parent?.type === "assignment" && call.parent.childForFieldName("right")?.id === call.id ? call.parent : void 0;
    const target = assignment?.childForFieldName("left");
    if (!source || !target || target.type !== "identifier" && target.type !== "attribute") return [];
    const sourceName = source.type === "subscript" ? stringValue(source.childForFieldName("subscript")) ?? "" : source.text;
    if (!isRewardName(target.text) || !isRewardName(sourceName)) return [];
    const scope = enclosingScope(call);
    const name2 = target.text;
    const later = (node) => node.startIndex > call.endIndex;
    const rebound = assignmentsTo(scope, name2).some(later);
    const itemWritten = descendants(scope, "assignment", "augmented_assignment").some((a) => later(a) && a.childForFieldName("left")?.type === "subscript" && a.childForFieldName("left").childForFieldName("value")?.text === name2);
    const filledInPlace = descendants(scope, "call").some((c) => later(c) && (c.childForFieldName("function")?.childForFieldName("object")?.text === name2 && IN_PLACE.test(calleeMethod(c))));
    const passed = descendants(scope, "call").some((c) => later(c) && !["dict", "DataProto", "from_dict", "cat", "stack", "tensor", "to"].includes(calleeMethod(c)) && positionalArguments(c).some((a) => a.text === name2));
    if (rebound || itemWritten || filledInPlace || passed) return [];
    return [{ node: call, message: ZEROS_MESSAGE(name2, source.text) }];
  });
}
function zeroesReward(block) {
  return (block?.namedChildren ?? []).some((statement) => {
    const expression = statement?.type === "expression_statement" ? statement.namedChild(0) : void 0;
    if (expression?.type === "call" && calleeMethod(expression) === "append") {
      const receiver = expression.childForFieldName("function")?.childForFieldName("object");
      const [value] = positionalArguments(expression);
      return !!receiver && isRewardName(receiver.text.split(".").pop()) && !!value && isZero(value);
    }
    if (expression?.type === "assignment") {
      const target = expression.childForFieldName("left");
      const value = expression.childForFieldName("right");
      const name2 = target.type === "subscript" ? target.childForFieldName("value").text : target.text;
      return isRewardName(name2.split(".").pop()) && !!value && isZero(value);
    }
    return false;
  });
}
var isZero = (node) => (node.type === "integer" || node.type === "float") && Number(node.text) === 0;
function perSampleNames(loop) {
  const names = new Set(targetNames(loop.childForFieldName("left")));
  for (const a of descendants(loop, "assignment", "augmented_assignment")) {
    for (const name2 of targetNames(a.childForFieldName("left"))) names.add(name2);
  }
  return names;
}
function flagZeroedRewards(root) {
  return descendants(root, "if_statement").flatMap((branch) => {
    const loop = enclosing(branch, "for_statement", "while_statement");
    const condition = branch.childForFieldName("condition");
    if (!loop || !condition || enclosingScope(loop).id !== enclosingScope(branch).id) return [];
    if (!zeroesReward(branch.childForFieldName("consequence"))) return [];
    const alternative = branch.childrenForFieldName("alternative").find((a) => a.type === "else_clause");
    if (!alternative) return [];
    const perSample = perSampleNames(loop);
    const read = descendants(condition, "identifier", "attribute").map((n) => n.text);
    if (read.some((name2) => perSample.has(name2))) return [];
    const flagWords = new Set(read.flatMap(nameWords).filter((w) => w.length > 3));
    const sample = [...perSample].find((name2) => !read.includes(name2) && nameWords(name2).some((w) => flagWords.has(w)) && nameWords(name2).length <= 3);
    return sample ? [{ node: condition, message: FLAG_MESSAGE(condition.text, sample) }] : [];
  });
}
function checkPython16(file) {
  const found = [...falsyRewardFallbacks(file.root), ...unfilledZeros(file.root), ...flagZeroedRewards(file.root)];
  return found.filter(({ node }) => !isInTestCode(node)).sort((a, b) => a.node.startIndex - b.node.startIndex).map(({ node, message: message4 }) => ({ ...rangeOf(node), message: message4 }));
}
var rewardLostInPlumbing = {
  meta: {
    code: "RL401",
    name: "reward-lost-in-plumbing",
    severity: "warning",
    summary: "A computed reward is lost on its way to the trainer: a 0.0 replaced through `or`, zeros returned, every reward zeroed by a flag."
  },
  // Every finding reads a name whose last word is a REWARD_WORDS word (a key, an attribute or a name) right before `or`,
  // assigns `zeros_like(` to such a name, or zeroes one in an indented branch (`rewards.append(0)`, `reward = 0.0`,
  // `rewards[i] = 0`).
  triggers: [
    /(?:score|reward|acc|accuracy)s?\b["'\])]*\s+or\b|(?:score|reward|acc|accuracy)s?\s*=\s*[\w.]*zeros_like\s*\(|\.append\(\s*0(?:\.0*)?\s*\)|^[ \t]+\w*(?:score|reward|acc|accuracy)s?(?:\[[^\]\n]*\])?\s*=\s*0(?:\.0*)?\s*(?:#.*)?$/im
  ],
  python: checkPython16
};

// src/analysis/rules/reward-on-empty-ground-truth.ts
var SCORING_FUNCTION = /f1|recall|precision|exact|(^|_)em$|score|reward|accura|.tests?$|check_?(?:answer|solution|correct|tool|call|output|result|test|code)|evaluate_?(?:answer|solution|response|prediction|code|tool)|verif|judge|grade|is_correct|correctness/i;
var GROUND_TRUTH_WORDS = /* @__PURE__ */ new Set([
  "gt",
  "gts",
  "gold",
  "golds",
  "truth",
  "truths",
  "true",
  "target",
  "targets",
  "ref",
  "refs",
  "reference",
  "references",
  "label",
  "labels",
  "expected",
  "tests",
  "cases",
  "testcases"
]);
var RECEIVERS = /* @__PURE__ */ new Set(["self", "cls"]);
var PYTHON_CREDIT = /\b(?:return|else)\s+\(?\s*(?:1(?:\.0*)?\b|True\b|(?:int|float|bool)\s*\(|[\w.[\]'"]+\s*==)|=\s*(?:1(?:\.0*)?|True)\s*(?:#.*)?$/m;
var DEF = /^([ \t]*)(?:async[ \t]+)?def[ \t]+([^\s(]+)/gm;
var DEFINITION = /^([ \t]*)(?:(?:async[ \t]+)?def[ \t]|class[ \t]|@)/gm;
function isScoringName(name2) {
  return SCORING_FUNCTION.test(name2) && !/^test/.test(name2);
}
function scoringFunctionTexts(source) {
  const texts = [];
  for (const def of source.matchAll(DEF)) {
    if (!isScoringName(def[2])) continue;
    let end = source.length;
    DEFINITION.lastIndex = def.index + def[0].length;
    for (let next = DEFINITION.exec(source); next; next = DEFINITION.exec(source)) {
      if (next[1].length > def[1].length) continue;
      const between = source.slice(def.index, next.index);
      if ((between.split('"""').length - 1) % 2 === 0 && (between.split("'''").length - 1) % 2 === 0) {
        end = next.index;
        break;
      }
    }
    texts.push(source.slice(def.index, end));
  }
  return texts;
}
var WORD = /[A-Za-z_]\w*/g;
function hasGroundTruthWord(text) {
  return text.match(WORD)?.some(isGroundTruthName) ?? false;
}
function isGroundTruthName(name2) {
  return nameWords(name2).some((word) => GROUND_TRUTH_WORDS.has(word));
}
function message2(credit) {
  return `Full credit (\`${credit}\`) when the ground truth is empty: an empty answer earns the maximum reward, and the policy learns that answering nothing pays. The SQuAD idiom is right for evaluation, not for a reward: return 0.`;
}
function unparseableMessage(credit) {
  return `Full credit (\`${credit}\`) when the ground truth cannot be parsed: every answer to a sample with a broken reference is paid the maximum, whatever it says. Return 0 or None (skip the sample) instead.`;
}
function lengthComparison(operator2, bound) {
  const empty = { "==": 0, "===": 0, "<": 1, "<=": 0 };
  const nonEmpty = { "!=": 0, "!==": 0, ">": 0, ">=": 1 };
  if (empty[operator2] === bound) return true;
  if (nonEmpty[operator2] === bound) return false;
  return void 0;
}
var MIRRORED = { "<": ">", ">": "<", "<=": ">=", ">=": "<=" };
function holdsWhenTruthEmpty(reader, condition) {
  const disjuncts = reader.disjuncts(condition);
  if (disjuncts) return disjuncts.some((d) => holdsWhenTruthEmpty(reader, d));
  const conjuncts = reader.conjuncts(condition);
  if (conjuncts) {
    return conjuncts.some((c) => holdsWhenTruthEmpty(reader, c)) && conjuncts.every((c) => reader.test(c)?.empty === true);
  }
  const test = reader.test(condition);
  return test !== void 0 && test.empty && reader.isGroundTruth(test.subject);
}
function failsWhenTruthEmpty(reader, condition) {
  const conjuncts = reader.conjuncts(condition);
  if (conjuncts) return conjuncts.some((c) => failsWhenTruthEmpty(reader, c));
  const disjuncts = reader.disjuncts(condition);
  if (disjuncts) return disjuncts.every((d) => failsWhenTruthEmpty(reader, d));
  const test = reader.test(condition);
  return test !== void 0 && !test.empty && reader.isGroundTruth(test.subject);
}
function unparenthesized3(node) {
  return node.type === "parenthesized_expression" && node.namedChild(0) ? unparenthesized3(node.namedChild(0)) : node;
}
function pythonGroundTruthNames(fn) {
  const truth = /* @__PURE__ */ new Set();
  const other = /* @__PURE__ */ new Set();
  for (const { name: name2 } of parametersOf(fn)) {
    if (isGroundTruthName(name2)) truth.add(name2);
    else if (!RECEIVERS.has(name2)) other.add(name2);
  }
  for (const [target, value] of ownDescendants(fn, "assignment", "for_statement").flatMap(bindings)) {
    const used = descendants(value, "identifier").map((i2) => i2.text);
    if (isGroundTruthName(target) || used.some((n) => truth.has(n)) && !used.some((n) => other.has(n))) {
      truth.add(target);
    } else if (used.some((n) => other.has(n))) {
      other.add(target);
    }
  }
  return truth;
}
function bindings(statement) {
  const target = statement.childForFieldName("left");
  const value = statement.childForFieldName("right");
  if (!target || !value) return [];
  if (target.type === "identifier") return [[target.text, value]];
  if (target.type !== "pattern_list" && target.type !== "tuple_pattern") return [];
  const names = target.namedChildren.filter((n) => n?.type === "identifier");
  const values = value.type === "expression_list" || value.type === "tuple" ? value.namedChildren : [];
  return names.map((name2, i2) => [name2.text, values.length === names.length ? values[i2] : value]);
}
function pythonReader(truth) {
  const booleanOperands = (node, operator2) => {
    const bare = unparenthesized3(node);
    return bare.type === "boolean_operator" && bare.childForFieldName("operator")?.text === operator2 ? [bare.childForFieldName("left"), bare.childForFieldName("right")] : void 0;
  };
  const isGroundTruth = (subject) => {
    if (subject.type === "identifier") return truth.has(subject.text);
    if (subject.type === "attribute") return isGroundTruthName(subject.childForFieldName("attribute")?.text ?? "");
    if (subject.type === "subscript") return isGroundTruth(subject.childForFieldName("value"));
    return false;
  };
  return { test: pythonEmptinessTest, disjuncts: (n) => booleanOperands(n, "or"), conjuncts: (n) => booleanOperands(n, "and"), isGroundTruth };
}
function lengthArgument(node) {
  if (node.type !== "call" || calleeName(node) !== "len") return void 0;
  const args2 = positionalArguments(node);
  return args2.length === 1 ? args2[0] : void 0;
}
function isEmptyLiteral(node) {
  if (node.type === "string") return !node.namedChildren.some((c) => c?.type === "string_content" || c?.type === "interpolation");
  return (node.type === "list" || node.type === "tuple" || node.type === "dictionary") && node.namedChildCount === 0;
}
function pythonEmptinessTest(node) {
  const bare = unparenthesized3(node);
  if (bare.type === "not_operator") {
    const inner = pythonEmptinessTest(bare.childForFieldName("argument"));
    return inner && { subject: inner.subject, empty: !inner.empty };
  }
  if (bare.type === "comparison_operator") {
    const operators = bare.childrenForFieldName("operators");
    if (operators.length !== 1) return void 0;
    let [left, right] = bare.namedChildren;
    let operator2 = operators[0].text;
    if (right.type === "call" || isEmptyLiteral(left)) {
      [left, right] = [right, left];
      operator2 = MIRRORED[operator2] ?? operator2;
    }
    const measured = lengthArgument(left);
    if (measured && right.type === "integer") {
      const empty = lengthComparison(operator2, Number(right.text));
      return empty === void 0 ? void 0 : { subject: measured, empty };
    }
    if (isEmptyLiteral(right) && (operator2 === "==" || operator2 === "!=")) return { subject: left, empty: operator2 === "==" };
    return void 0;
  }
  const subject = lengthArgument(bare) ?? bare;
  return ["identifier", "attribute", "subscript"].includes(subject.type) ? { subject, empty: false } : void 0;
}
function isTruthEquality(node, truth) {
  const bare = unparenthesized3(node);
  return bare.type === "comparison_operator" && bare.childrenForFieldName("operators").map((o) => o.text).join() === "==" && descendants(bare, "identifier").some((i2) => truth.has(i2.text));
}
function pythonZero(node, truth) {
  const bare = unparenthesized3(node);
  switch (bare.type) {
    case "integer":
      return Number(bare.text) === 1 ? "0" : void 0;
    case "float":
      return Number(bare.text) === 1 ? "0.0" : void 0;
    case "true":
      return "False";
    case "comparison_operator":
      return isTruthEquality(bare, truth) ? "False" : void 0;
    case "call": {
      const cast = { int: "0", float: "0.0", bool: "False" }[calleeName(bare)];
      const args2 = positionalArguments(bare);
      return cast && args2.length === 1 && isTruthEquality(args2[0], truth) ? cast : void 0;
    }
    case "conditional_expression": {
      const [consequence, condition] = bare.namedChildren;
      return isTruthEquality(condition, truth) ? pythonZero(consequence, truth) : void 0;
    }
    default:
      return void 0;
  }
}
function isPythonFullCredit(node, truth) {
  const bare = unparenthesized3(node);
  if (bare.type === "expression_list" || bare.type === "tuple") {
    return bare.namedChild(0) ? isPythonFullCredit(bare.namedChild(0), truth) : false;
  }
  return pythonZero(bare, truth) !== void 0;
}
function returnedValues(block, fn) {
  return (block?.namedChildren ?? []).flatMap((statement) => {
    if (statement?.type === "return_statement") return statement.namedChild(0) ? [statement.namedChild(0)] : [];
    const assignment = statement?.type === "expression_statement" ? statement.namedChild(0) : void 0;
    const target = assignment?.type === "assignment" ? assignment.childForFieldName("left") : void 0;
    const value = assignment?.childForFieldName("right");
    return target?.type === "identifier" && value && reachesResult(target.text, fn) ? [value] : [];
  });
}
function reachesResult(name2, fn) {
  const returned = new Set(ownDescendants(fn, "return_statement").map((r) => r.namedChild(0)?.text));
  if (returned.has(name2)) return true;
  return ownDescendants(fn, "call").some((call) => {
    const callee = call.childForFieldName("function");
    return callee?.type === "attribute" && callee.childForFieldName("attribute")?.text === "append" && returned.has(callee.childForFieldName("object")?.text) && positionalArguments(call)[0]?.text === name2;
  });
}
function isReturned(value, fn) {
  let node = value;
  while (node.parent?.type === "parenthesized_expression") node = node.parent;
  if (node.parent?.type === "return_statement") return true;
  const target = node.parent?.type === "assignment" ? node.parent.childForFieldName("left") : void 0;
  return target?.type === "identifier" && ownDescendants(fn, "return_statement").some((r) => r.namedChild(0)?.text === target.text);
}
function parseFailureHandlers(fn, truth) {
  return ownDescendants(fn, "try_statement").flatMap((statement) => {
    const body2 = statement.childForFieldName("body");
    const readsTruth = body2 !== null && descendants(body2, "call").some((call) => call.childForFieldName("arguments")?.namedChildren.some((arg) => arg !== null && descendants(arg, "identifier").some((i2) => truth.has(i2.text))));
    return readsTruth ? statement.namedChildren.filter((c) => c?.type === "except_clause") : [];
  });
}
function checkPython17(file) {
  const reports = [];
  const report = (credit, truth, text = message2(credit.text)) => {
    const zero = pythonZero(credit, truth);
    const fix = zero && editFix(file.source, `Return ${zero} for an empty ground truth`, [{ start: credit.startIndex, end: credit.endIndex, text: zero }]);
    reports.push({ ...rangeOf(credit), message: text, ...fix ? { fix } : {} });
  };
  for (const fn of descendants(file.root, "function_definition")) {
    if (!isScoringName(functionName(fn)) || isInTestCode(fn) || !hasGroundTruthWord(fn.text)) continue;
    const truth = pythonGroundTruthNames(fn);
    if (truth.size === 0) continue;
    const reader = pythonReader(truth);
    for (const branch of ownDescendants(fn, "if_statement", "elif_clause")) {
      const condition = branch.childForFieldName("condition");
      const guarded = holdsWhenTruthEmpty(reader, condition) ? returnedValues(branch.childForFieldName("consequence"), fn) : [];
      const alternatives = branch.childrenForFieldName("alternative");
      const otherwise = alternatives.length === 1 && alternatives[0].type === "else_clause" && failsWhenTruthEmpty(reader, condition) ? returnedValues(alternatives[0].childForFieldName("body"), fn) : [];
      for (const value of [...guarded, ...otherwise]) if (isPythonFullCredit(value, truth)) report(value, truth);
    }
    for (const handler of parseFailureHandlers(fn, truth)) {
      const block = handler.namedChildren.find((c) => c?.type === "block") ?? null;
      for (const value of returnedValues(block, fn)) {
        if (isPythonFullCredit(value, truth)) report(value, truth, unparseableMessage(value.text));
      }
    }
    for (const choice of ownDescendants(fn, "conditional_expression")) {
      if (!isReturned(choice, fn)) continue;
      const [consequence, condition, alternative] = choice.namedChildren;
      if (holdsWhenTruthEmpty(reader, condition) && isPythonFullCredit(consequence, truth)) report(consequence, truth);
      if (failsWhenTruthEmpty(reader, condition) && isPythonFullCredit(alternative, truth)) report(alternative, truth);
    }
  }
  return reports;
}
function checkTypeScript3(file) {
  const { Node: Node2, SyntaxKind } = file.morph;
  const reports = [];
  const unwrap = (node) => Node2.isParenthesizedExpression(node) ? unwrap(node.getExpression()) : node;
  const operatorOf2 = (node) => Node2.isBinaryExpression(node) ? node.getOperatorToken().getText() : void 0;
  const nameOf2 = (fn) => {
    if (Node2.isFunctionDeclaration(fn) || Node2.isMethodDeclaration(fn)) return fn.getName() ?? "";
    const parent = fn.getParent();
    return parent && (Node2.isVariableDeclaration(parent) || Node2.isPropertyAssignment(parent)) ? parent.getName() : "";
  };
  const isFunction = (node) => Node2.isFunctionLikeDeclaration(node) || Node2.isFunctionExpression(node);
  const ownerOf3 = (node) => node.getFirstAncestor(isFunction);
  const groundTruthNames = (fn) => {
    const truth = /* @__PURE__ */ new Set();
    const other = /* @__PURE__ */ new Set();
    const parameters = Node2.isFunctionLikeDeclaration(fn) || Node2.isFunctionExpression(fn) ? fn.getParameters() : [];
    for (const name2 of parameters.map((p) => p.getName())) (isGroundTruthName(name2) ? truth : other).add(name2);
    for (const declaration of fn.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
      const value = declaration.getInitializer();
      if (!value || ownerOf3(declaration) !== fn || !Node2.isIdentifier(declaration.getNameNode())) continue;
      const used = [value, ...value.getDescendantsOfKind(SyntaxKind.Identifier)].filter(Node2.isIdentifier).map((i2) => i2.getText());
      const name2 = declaration.getName();
      if (isGroundTruthName(name2) || used.some((n) => truth.has(n)) && !used.some((n) => other.has(n))) truth.add(name2);
      else if (used.some((n) => other.has(n))) other.add(name2);
    }
    return truth;
  };
  const lengthOf = (node) => Node2.isPropertyAccessExpression(node) && ["length", "size"].includes(node.getName()) ? node.getExpression() : void 0;
  const isEmptyLiteral2 = (node) => Node2.isStringLiteral(node) || Node2.isNoSubstitutionTemplateLiteral(node) ? node.getLiteralValue() === "" : Node2.isArrayLiteralExpression(node) && node.getElements().length === 0;
  const emptinessTest = (node) => {
    const bare = unwrap(node);
    if (Node2.isPrefixUnaryExpression(bare) && bare.getOperatorToken() === SyntaxKind.ExclamationToken) {
      const inner = emptinessTest(bare.getOperand());
      return inner && { subject: inner.subject, empty: !inner.empty };
    }
    const operator2 = operatorOf2(bare);
    if (Node2.isBinaryExpression(bare) && operator2 && operator2 !== "&&" && operator2 !== "||") {
      let [left, right] = [unwrap(bare.getLeft()), unwrap(bare.getRight())];
      let op = operator2;
      if (Node2.isNumericLiteral(left) || isEmptyLiteral2(left)) {
        [left, right] = [right, left];
        op = MIRRORED[op] ?? op;
      }
      const measured = lengthOf(left);
      if (measured && Node2.isNumericLiteral(right)) {
        const empty = lengthComparison(op, right.getLiteralValue());
        return empty === void 0 ? void 0 : { subject: measured, empty };
      }
      if (isEmptyLiteral2(right) && ["==", "===", "!=", "!=="].includes(op)) return { subject: left, empty: op.startsWith("=") };
      return void 0;
    }
    const subject = lengthOf(bare) ?? bare;
    return Node2.isIdentifier(subject) || Node2.isPropertyAccessExpression(subject) || Node2.isElementAccessExpression(subject) ? { subject, empty: false } : void 0;
  };
  const reader = (truth) => {
    const operands = (node, operator2) => {
      const bare = unwrap(node);
      return Node2.isBinaryExpression(bare) && operatorOf2(bare) === operator2 ? [bare.getLeft(), bare.getRight()] : void 0;
    };
    const isGroundTruth = (subject) => {
      if (Node2.isIdentifier(subject)) return truth.has(subject.getText());
      if (Node2.isPropertyAccessExpression(subject)) return isGroundTruthName(subject.getName());
      if (Node2.isElementAccessExpression(subject)) return isGroundTruth(subject.getExpression());
      return false;
    };
    return { test: emptinessTest, disjuncts: (n) => operands(n, "||"), conjuncts: (n) => operands(n, "&&"), isGroundTruth };
  };
  const isTruthEquality2 = (node, truth) => {
    const bare = unwrap(node);
    return ["==", "==="].includes(operatorOf2(bare) ?? "") && bare.getDescendantsOfKind(SyntaxKind.Identifier).some((i2) => truth.has(i2.getText()));
  };
  const zeroFor = (node, truth) => {
    const bare = unwrap(node);
    if (Node2.isNumericLiteral(bare)) return bare.getLiteralValue() === 1 ? bare.getText().includes(".") ? "0.0" : "0" : void 0;
    if (Node2.isTrueLiteral(bare)) return "false";
    if (isTruthEquality2(bare, truth)) return "false";
    if (Node2.isCallExpression(bare) && bare.getExpression().getText() === "Number" && bare.getArguments().length === 1) {
      return isTruthEquality2(bare.getArguments()[0], truth) ? "0" : void 0;
    }
    if (Node2.isPrefixUnaryExpression(bare) && bare.getOperatorToken() === SyntaxKind.PlusToken) {
      return isTruthEquality2(bare.getOperand(), truth) ? "0" : void 0;
    }
    if (Node2.isConditionalExpression(bare) && isTruthEquality2(bare.getCondition(), truth)) return zeroFor(bare.getWhenTrue(), truth);
    return void 0;
  };
  const report = (credit, truth) => {
    const zero = zeroFor(credit, truth);
    if (zero === void 0) return;
    const fix = editFix(file.source, `Return ${zero} for an empty ground truth`, [{ start: credit.getStart(), end: credit.getEnd(), text: zero }]);
    reports.push({ ...tsRangeOf(credit), message: message2(credit.getText()), fix });
  };
  const returnedValues2 = (statement) => {
    const statements = statement && Node2.isBlock(statement) ? statement.getStatements() : statement ? [statement] : [];
    return statements.flatMap((s) => Node2.isReturnStatement(s) && s.getExpression() ? [s.getExpression()] : []);
  };
  const isReturned2 = (value, fn) => {
    let node = value;
    while (Node2.isParenthesizedExpression(node.getParentOrThrow())) node = node.getParentOrThrow();
    const parent = node.getParentOrThrow();
    if (Node2.isReturnStatement(parent) || Node2.isArrowFunction(parent) && parent.getBody() === node) return true;
    if (!Node2.isVariableDeclaration(parent)) return false;
    const name2 = parent.getName();
    return fn.getDescendantsOfKind(SyntaxKind.ReturnStatement).some((r) => ownerOf3(r) === fn && r.getExpression()?.getText() === name2);
  };
  for (const fn of file.sourceFile.getDescendants().filter(isFunction)) {
    if (!SCORING_FUNCTION.test(nameOf2(fn))) continue;
    const truth = groundTruthNames(fn);
    if (truth.size === 0) continue;
    const read = reader(truth);
    for (const branch of fn.getDescendantsOfKind(SyntaxKind.IfStatement).filter((s) => ownerOf3(s) === fn)) {
      const condition = branch.getExpression();
      const guarded = holdsWhenTruthEmpty(read, condition) ? returnedValues2(branch.getThenStatement()) : [];
      const otherwise = branch.getElseStatement();
      const fallback = otherwise && !Node2.isIfStatement(otherwise) && failsWhenTruthEmpty(read, condition) ? returnedValues2(otherwise) : [];
      for (const value of [...guarded, ...fallback]) report(value, truth);
    }
    for (const choice of fn.getDescendantsOfKind(SyntaxKind.ConditionalExpression)) {
      if (ownerOf3(choice) !== fn || !isReturned2(choice, fn)) continue;
      if (holdsWhenTruthEmpty(read, choice.getCondition())) report(choice.getWhenTrue(), truth);
      if (failsWhenTruthEmpty(read, choice.getCondition())) report(choice.getWhenFalse(), truth);
    }
  }
  return reports;
}
var rewardOnEmptyGroundTruth = {
  meta: {
    code: "RL102",
    name: "reward-on-empty-ground-truth",
    severity: "error",
    summary: "A scoring function (F1, exact match, a verifier, a test runner) gives full credit when the reference is empty or unparseable.",
    fix: "unsafe"
  },
  // Every finding is in a `def` whose name SCORING_FUNCTION matches (`def compute_score(`, `def f1[T](`, `def _em(`;
  // `test` after another character: a pytest `def test_...` is test code, not a runner of test cases), and gives full
  // credit: `return`/`else` before a 1, True, a cast or a comparison (`return int(gold == pred)`, `... else 1.0`), or
  // `= 1.0` / `= True` ending a line (a credit assigned, then returned).
  triggers: [
    /\bdef\s+(?:[^\s(]*(?:f1|recall|precision|exact|score|reward|accura|check_?(?:answer|solution|correct|tool|call|output|result|test|code)|evaluate_?(?:answer|solution|response|prediction|code|tool)|verif|judge|grade|is_correct|correctness)|[^\s(]+tests?[\s([]|(?:[^\s(]*_)?em[\s([])/i,
    PYTHON_CREDIT,
    // Both in the text of one such `def`, with a ground-truth word (the ground truth is a name bound there).
    (source) => scoringFunctionTexts(source).some((text) => PYTHON_CREDIT.test(text) && hasGroundTruthWord(text))
  ],
  // A TS/JS function takes its name in many ways: a declaration, a method, a variable or property it is assigned to
  // (`function f1(`, `async score(`, `const checkAnswer =`, `{ reward: (`), so the name's words are looked for after
  // `function`, `const`/`let`/`var`, a line start, `{`, `,` or `;`, before `(`, `<`, `=`, `:` or `?`. The credit is a
  // 1, true, a `Number(`/`+(` cast or an equality after `return`, `=>`, `?` or `:`.
  typescriptTriggers: [
    /(?:\bfunction\b|\b(?:const|let|var)\b|^|[{,;])[\s*]*(?:(?:export|default|public|private|protected|static|async|readonly|override|get|set)\b[\s*]+)*[\w$]*(?:f1|recall|precision|exact|(?:\b|_)em\b|score|reward|accura|tests?\b|check_?(?:answer|solution|correct|tool|call|output|result|test|code)|evaluate_?(?:answer|solution|response|prediction|code|tool)|verif|judge|grade|is_?correct|correctness)[\w$]*\s*(?:[(<=:]|\?\s*[(:])/im,
    /(?:\breturn|=>|[?:])\s*\(?\s*(?:1(?:\.0*)?\b|true\b|Number\s*\(|\+\s*\(|[\w.[\]'"]+(?:\.join\([^)]*\))?\s*===?)/
  ],
  python: checkPython17,
  typescript: checkTypeScript3
};

// src/analysis/rules/reward-sees-prompt.ts
var REWARD_CALL = /reward|score|verif|judge|grade/i;
var RESPONSE_PARAMETER = /^(?:solution(?:_str)?|responses?(?:_str|_text)?|completions?(?:_str|_text)?|predictions?|preds?|outputs?(?:_str|_text)?|generations?|generated_text)$/;
var PROMPT_WORDS2 = /* @__PURE__ */ new Set(["prompt", "prompts", "query", "queries", "input", "inputs", "question", "context"]);
var RESPONSE_WORDS = /* @__PURE__ */ new Set(["response", "responses", "completion", "completions", "output", "outputs", "generated", "answer"]);
var MESSAGE11 = (argument) => `The reward function gets the whole sequence, prompt and response, where it expects the response (\`${argument}\`): a format or keyword reward can be satisfied by the prompt's own text (its instructions, its examples, a tag it mentions), so every sample is paid. Decode and pass the response ids alone.`;
function wordsOf(node) {
  if (node.type === "subscript") {
    const key = stringValue(node.childForFieldName("subscript"));
    return [...wordsOf(node.childForFieldName("value")), ...key ? nameWords(key) : []];
  }
  const keys = descendants(node, "string").map((s) => stringValue(s) ?? "");
  return [...keys, ...descendants(node, "identifier").map((i2) => i2.text)].flatMap(nameWords);
}
function isWholeSequence(node) {
  const parts2 = node.type === "call" && ["cat", "concat", "concatenate", "hstack"].includes(calleeMethod(node)) ? (positionalArguments(node)[0]?.namedChildren ?? []).filter((n) => n !== null) : node.type === "binary_operator" && node.childForFieldName("operator")?.text === "+" ? [node.childForFieldName("left"), node.childForFieldName("right")] : [];
  if (parts2.length >= 2) {
    const words2 = parts2.map(wordsOf);
    return words2.some((w) => w.some((x) => PROMPT_WORDS2.has(x))) && words2.some((w) => w.some((x) => RESPONSE_WORDS.has(x)));
  }
  if (node.type === "subscript" && node.childrenForFieldName("subscript").some((i2) => i2.type === "slice" && i2.namedChildCount > 0)) return false;
  const words = wordsOf(node);
  return words.some((w) => PROMPT_WORDS2.has(w) && w !== "input" && w !== "inputs") && words.some((w) => RESPONSE_WORDS.has(w)) && (node.type === "identifier" || node.type === "attribute" || node.type === "subscript");
}
function parametersByFunction(root) {
  const byName = /* @__PURE__ */ new Map();
  for (const fn of descendants(root, "function_definition")) {
    byName.set(functionName(fn), parametersOf(fn).map((p) => p.name).filter((n) => n !== "self" && n !== "cls"));
  }
  return byName;
}
function checkPython18(file) {
  const parameters = parametersByFunction(file.root);
  const reports = [];
  for (const decode of callsNamed(file.root, "decode", "batch_decode")) {
    const [ids] = positionalArguments(decode);
    if (!ids || isInTestCode(decode)) continue;
    const scope = enclosingScope(decode);
    const whole = isWholeSequence(ids) || descendants(scope, "assignment").some((a) => a.endIndex <= decode.startIndex && mentions(ids, /* @__PURE__ */ new Set([a.childForFieldName("left")?.text ?? ""])) && isWholeSequence(a.childForFieldName("right")));
    if (!whole) continue;
    const texts = derivedNames(scope, receivingNames(decode), { after: decode });
    const carries = (node) => node.startIndex <= decode.startIndex && decode.endIndex <= node.endIndex || mentions(node, texts);
    for (const call of descendants(scope, "call")) {
      if (!REWARD_CALL.test(calleeMethod(call)) || call.startIndex < decode.startIndex) continue;
      const args2 = call.childForFieldName("arguments")?.namedChildren ?? [];
      const positional = positionalArguments(call);
      const names = parameters.get(calleeMethod(call)) ?? [];
      for (const arg of args2) {
        if (!arg) continue;
        const keyword = arg.type === "keyword_argument" ? arg.childForFieldName("name").text : names[positional.findIndex((p) => p.id === arg.id)];
        const value = arg.type === "keyword_argument" ? arg.childForFieldName("value") : arg;
        if (keyword && RESPONSE_PARAMETER.test(keyword) && carries(value)) reports.push({ ...rangeOf(arg), message: MESSAGE11(keyword) });
      }
    }
  }
  return reports;
}
var rewardSeesPrompt = {
  meta: {
    code: "RL402",
    name: "reward-sees-prompt",
    severity: "warning",
    summary: "A reward function or verifier is given the decoded prompt + response where it expects the response alone."
  },
  // Every finding decodes (`decode(`, `batch_decode(`) ids of a whole sequence (joined by a `cat(`-style call or `+`, or
  // one name for prompt and response) and passes the text to a REWARD_CALL.
  triggers: [
    /decode\s*\(/,
    /reward|score|verif|judge|grade/i,
    /\b(?:cat|concat|concatenate|hstack)\s*\(|(?:prompt|query|question|context)\w*(?:response|completion|output|generated|answer)|(?:prompt|query|question|context)\w*\s*\+|\+\s*\w*(?:response|completion|output|generated)/i
  ],
  python: checkPython18
};

// src/analysis/rules/reward-shift.ts
var REWARD_WORDS2 = /* @__PURE__ */ new Set(["reward", "rewards", "rew", "rews"]);
var CONTAINER_WORDS = /* @__PURE__ */ new Set(["tensor", "tensors", "list", "arr", "array", "batch", "t"]);
var SHIFT_WORDS = /* @__PURE__ */ new Set(["baseline", "mean", "avg", "average", "offset", "shift", "bias", "min", "median"]);
var SUMMARY_WORDS = /* @__PURE__ */ new Set([...SHIFT_WORDS, "std", "var", "max", "sum", "num", "count"]);
var ACCUMULATOR_WORDS = /* @__PURE__ */ new Set(["total", "cum", "cumulative", "running", "acc", "accum", "accumulated", "sum", "sums"]);
var SCORE_WORDS = /* @__PURE__ */ new Set(["score", "scores", "rs"]);
var SCORING_CALL = /reward|(?:^|[._])rm(?:$|[._])/i;
var RUNNING_STATISTIC = /running|moving|\bema\b|_ema|ema_/i;
var SPREAD = /std|sigma|stdev/i;
var STEP_PENALTY = /(time|step|living|alive|survival)_?(penalty|bonus|cost)/i;
var STATISTICS = /* @__PURE__ */ new Set(["mean", "nanmean", "min", "amin", "nanmin", "median", "nanmedian", "average", "fmean"]);
var ARRAY_MODULES = /* @__PURE__ */ new Set(["np", "numpy", "torch", "jnp", "statistics", "tf", "math"]);
var OUTCOME_BRANCHES = ["if_statement", "conditional_expression", "match_statement", "except_clause"];
var ADVANTAGE_FUNCTION = /adv/i;
var CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;
var REWARD_NAME_END = String.raw`(?:${[...REWARD_WORDS2, "score", "scores", "_rs"].join("|")})(?:_*(?:${[...CONTAINER_WORDS].join("|")}))*_*(?![A-Za-z0-9_])`;
function isRewardName2(name2) {
  const parts2 = nameWords(name2);
  while (parts2.length > 1 && CONTAINER_WORDS.has(parts2.at(-1))) parts2.pop();
  return REWARD_WORDS2.has(parts2.at(-1) ?? "") && !parts2.some((w) => SUMMARY_WORDS.has(w));
}
function isRewardComponentName(name2) {
  const words = nameWords(name2);
  return !CONSTANT_NAME.test(name2) && words.some((w) => REWARD_WORDS2.has(w)) && !words.some((w) => SHIFT_WORDS.has(w));
}
function isShiftName(name2) {
  if (isRewardComponentName(name2)) return false;
  return CONSTANT_NAME.test(name2) || nameWords(name2).some((w) => SHIFT_WORDS.has(w)) || STEP_PENALTY.test(name2);
}
function message3(shift) {
  return `Reward shifted by \`${shift}\`: in episodic tasks a constant or a statistic added to the reward changes the problem (a negative one makes the agent end episodes early, a positive one drags them out). Scale rewards, do not shift them; subtract baselines into the advantages.`;
}
function runningMessage(shift) {
  return `Reward normalized with a running mean (\`${shift}\`): this is normalization, not a baseline. Every reward moves by an amount that drifts through training, so the same outcome is paid differently from one step to the next and the sign of the reward no longer says good or bad. Divide by the running std only; subtract baselines into the advantages.`;
}
function unparenthesized4(node) {
  return node.type === "parenthesized_expression" && node.namedChild(0) ? unparenthesized4(node.namedChild(0)) : node;
}
function pythonSubjectName(node) {
  const bare = unparenthesized4(node);
  if (bare.type === "identifier") return bare.text;
  if (bare.type === "attribute") return bare.childForFieldName("attribute")?.text;
  if (bare.type === "subscript") return pythonSubjectName(bare.childForFieldName("value"));
  return void 0;
}
function isPythonReward(node) {
  const name2 = pythonSubjectName(node);
  return name2 !== void 0 && (isRewardName2(name2) || isRewardModelScore(node, name2));
}
function isRewardModelScore(node, name2) {
  const words = nameWords(name2);
  while (words.length > 1 && CONTAINER_WORDS.has(words.at(-1))) words.pop();
  const last = words.at(-1) ?? "";
  if (!SCORE_WORDS.has(last) || last === "rs" && words.length < 2 || words.some((w) => SUMMARY_WORDS.has(w))) return false;
  if (words.includes("rm")) return true;
  const subject = unparenthesized4(node);
  const text = subject.type === "subscript" ? subject.childForFieldName("value").text : subject.text;
  const scope = enclosingScope(node);
  const assigned = [...descendants(scope, "assignment")];
  const fromScoring = assigned.some((a) => a.childForFieldName("left")?.text === text && descendants(a.childForFieldName("right"), "call").some((call) => SCORING_CALL.test(calleeName(call)) && !calleeName(call).startsWith(`${text}.`)));
  const names = /* @__PURE__ */ new Set([text]);
  const intoReward = assigned.some((a) => targetNames(a.childForFieldName("left")).some(isRewardName2) && mentions(a.childForFieldName("right"), names));
  return fromScoring || intoReward;
}
function isEveryIndex(index) {
  if (index.type === "integer" || index.type === "slice" || index.type === "ellipsis") return true;
  if (index.type === "unary_operator") return index.childForFieldName("argument")?.type === "integer";
  if (index.type !== "identifier") return false;
  for (let loop = enclosing(index, "for_statement"); loop; loop = enclosing(loop, "for_statement")) {
    const iterable = loop.childForFieldName("right");
    const bound = loop.childForFieldName("left");
    const binds = bound?.type === "identifier" ? bound.text === index.text : bound?.namedChild(0)?.text === index.text;
    if (binds) return iterable?.type === "call" && ["range", "enumerate"].includes(calleeName(iterable));
  }
  return false;
}
function isMaskedTarget(target) {
  if (target.type !== "subscript") return false;
  return !target.childrenForFieldName("subscript").every(isEveryIndex);
}
function isGlobalStatistic(call) {
  if (!STATISTICS.has(calleeMethod(call))) return false;
  if (keywordArgument(call, "dim") || keywordArgument(call, "axis") || keywordArgument(call, "keepdim") || keywordArgument(call, "keepdims")) {
    return false;
  }
  const callee = call.childForFieldName("function");
  const receiver = callee.type === "attribute" ? callee.childForFieldName("object")?.text : void 0;
  const dataIsArgument = receiver === void 0 || ARRAY_MODULES.has(receiver);
  return positionalArguments(call).length === (dataIsArgument ? 1 : 0);
}
function isPythonShift(node) {
  const bare = unparenthesized4(node);
  switch (bare.type) {
    case "integer":
    case "float":
      return Number(bare.text.replace(/_/g, "")) !== 0;
    case "unary_operator":
      return isPythonShift(bare.childForFieldName("argument"));
    case "attribute":
      return isShiftName(bare.childForFieldName("attribute").text);
    case "call": {
      const receiver = bare.childForFieldName("function")?.childForFieldName("object");
      if (calleeMethod(bare) === "item") return receiver ? isPythonShift(receiver) : false;
      return isGlobalStatistic(bare);
    }
    case "identifier":
      return isShiftIdentifier(bare);
    default:
      return false;
  }
}
function isShiftIdentifier(name2) {
  if (isRewardComponentName(name2.text)) return false;
  const scope = enclosingScope(name2);
  const values = assignmentsTo(scope, name2.text).map((a) => a.childForFieldName("right"));
  if (values.length > 0) return values.every((v) => v !== null && isPythonShift(v));
  const parameter = scope.type === "function_definition" ? parametersOf(scope).find((p) => p.name === name2.text) : void 0;
  if (parameter?.defaultValue && ["integer", "float"].includes(parameter.defaultValue.type)) return true;
  return isShiftName(name2.text);
}
function isConditional(node) {
  const scope = enclosingScope(node);
  for (let p = node.parent; p && p.id !== scope.id; p = p.parent) {
    if (!OUTCOME_BRANCHES.includes(p.type)) continue;
    if (p.type === "if_statement" && p.childForFieldName("condition")?.text.includes("__main__")) continue;
    return true;
  }
  return false;
}
function pythonShiftOperand(expression) {
  const bare = unparenthesized4(expression);
  if (bare.type !== "binary_operator") return void 0;
  const operator2 = bare.childForFieldName("operator")?.text;
  const left = bare.childForFieldName("left");
  const right = bare.childForFieldName("right");
  if (operator2 !== "+" && operator2 !== "-") return void 0;
  if (isPythonReward(left) && isPythonShift(right)) return right;
  if (operator2 === "+" && isPythonReward(right) && isPythonShift(left)) return left;
  return void 0;
}
function isAccumulator(target) {
  const name2 = pythonSubjectName(target);
  if (name2 === void 0) return false;
  if (nameWords(name2).some((w) => ACCUMULATOR_WORDS.has(w))) return true;
  const scope = enclosingScope(target);
  const text = unparenthesized4(target).text;
  let zeroed = false;
  for (const binding of descendants(scope, "assignment", "augmented_assignment")) {
    const left = binding.childForFieldName("left");
    const right = binding.childForFieldName("right");
    if (!left || !right || !targetNames(left).includes(text)) continue;
    if (binding.type === "augmented_assignment") {
      if (binding.childForFieldName("operator")?.text !== "+=") return false;
    } else {
      const index = left.type === "identifier" ? -1 : left.namedChildren.findIndex((n) => n?.text === text);
      const value = index === -1 ? right : right.namedChild(index);
      if (value && ["integer", "float"].includes(value.type) && Number(value.text) === 0) zeroed = true;
    }
  }
  return zeroed;
}
function isStandardizedLater(statement, target) {
  const name2 = unparenthesized4(target).text;
  return descendants(enclosingScope(statement), "assignment", "augmented_assignment").some((later) => {
    if (later.startIndex <= statement.startIndex || later.childForFieldName("left")?.text !== name2) return false;
    const value = unparenthesized4(later.childForFieldName("right"));
    const divisor = later.type === "augmented_assignment" ? later.childForFieldName("operator")?.text === "/=" ? value : void 0 : value.type === "binary_operator" && value.childForFieldName("operator")?.text === "/" && unparenthesized4(value.childForFieldName("left")).text === name2 ? value.childForFieldName("right") : void 0;
    return divisor !== void 0 && SPREAD.test(divisor.text);
  });
}
function runningMeanShift(value) {
  const bare = unparenthesized4(value);
  if (bare.type !== "binary_operator" || bare.childForFieldName("operator")?.text !== "/") return void 0;
  const numerator = unparenthesized4(bare.childForFieldName("left"));
  if (numerator.type !== "binary_operator" || numerator.childForFieldName("operator")?.text !== "-") return void 0;
  const [left, right] = [numerator.childForFieldName("left"), numerator.childForFieldName("right")];
  return isPythonReward(left) && RUNNING_STATISTIC.test(right.text) && isPythonShift(right) ? right : void 0;
}
function checkPython19(file) {
  const reports = [];
  const report = (at, shift, text = message3(shift.text)) => {
    if (!isConditional(at) && !isInTestCode(at)) reports.push({ ...rangeOf(at), message: text });
  };
  for (const node of descendants(file.root, "augmented_assignment", "assignment", "return_statement")) {
    if (!/rew|score|_rs\b/i.test(node.text)) continue;
    if (node.type === "augmented_assignment") {
      const target = node.childForFieldName("left");
      const operator2 = node.childForFieldName("operator")?.text;
      const value = node.childForFieldName("right");
      if ((operator2 === "+=" || operator2 === "-=") && isPythonReward(target) && !isMaskedTarget(target) && isPythonShift(value) && !(operator2 === "+=" && isAccumulator(target)) && !isStandardizedLater(node, target)) {
        report(node, value);
      }
    } else if (node.type === "assignment") {
      const target = node.childForFieldName("left");
      const value = node.childForFieldName("right");
      const shift = value && pythonShiftOperand(value);
      if (target && shift && isPythonReward(target) && !isMaskedTarget(target) && !isStandardizedLater(node, target)) {
        report(value, shift);
      }
      const running = value && runningMeanShift(value);
      if (target && running && isPythonReward(target) && !isMaskedTarget(target)) report(value, running, runningMessage(running.text));
    } else if (!ADVANTAGE_FUNCTION.test(functionName(enclosingScope(node)))) {
      const value = node.namedChild(0);
      for (const element of value?.type === "expression_list" ? value.namedChildren : [value]) {
        const shift = element && pythonShiftOperand(element);
        if (element && shift) report(element, shift);
      }
    }
  }
  return reports;
}
function checkTypeScript4(file) {
  const { Node: Node2 } = file.morph;
  const reports = [];
  const unwrap = (node) => Node2.isParenthesizedExpression(node) ? unwrap(node.getExpression()) : node;
  const subjectName2 = (node) => {
    const bare = unwrap(node);
    if (Node2.isIdentifier(bare)) return bare.getText();
    if (Node2.isPropertyAccessExpression(bare)) return bare.getName();
    return void 0;
  };
  const isReward = (node) => {
    const name2 = subjectName2(node);
    return name2 !== void 0 && isRewardName2(name2);
  };
  const isShift = (node) => {
    const bare = unwrap(node);
    if (Node2.isNumericLiteral(bare)) return bare.getLiteralValue() !== 0;
    if (Node2.isPrefixUnaryExpression(bare)) return isShift(bare.getOperand());
    const name2 = subjectName2(bare);
    return name2 !== void 0 && isShiftName(name2);
  };
  const isConditional3 = (node) => {
    for (let p = node.getParent(); p && !Node2.isFunctionLikeDeclaration(p) && !Node2.isFunctionExpression(p); p = p.getParent()) {
      if (Node2.isIfStatement(p) || Node2.isConditionalExpression(p) || Node2.isSwitchStatement(p) || Node2.isCatchClause(p)) return true;
    }
    return false;
  };
  const report = (at, shift) => {
    if (!isConditional3(at)) reports.push({ ...tsRangeOf(at), message: message3(shift.getText()) });
  };
  const shiftOperand = (expression) => {
    const bare = unwrap(expression);
    if (!Node2.isBinaryExpression(bare)) return void 0;
    const operator2 = bare.getOperatorToken().getText();
    if (operator2 !== "+" && operator2 !== "-") return void 0;
    if (isReward(bare.getLeft()) && isShift(bare.getRight())) return bare.getRight();
    if (operator2 === "+" && isReward(bare.getRight()) && isShift(bare.getLeft())) return bare.getLeft();
    return void 0;
  };
  for (const node of file.sourceFile.getDescendants()) {
    if (Node2.isBinaryExpression(node)) {
      const operator2 = node.getOperatorToken().getText();
      if ((operator2 === "+=" || operator2 === "-=") && isReward(node.getLeft()) && isShift(node.getRight())) {
        report(node, node.getRight());
      } else if (operator2 === "=" && isReward(node.getLeft())) {
        const shift = shiftOperand(node.getRight());
        if (shift) report(node.getRight(), shift);
      }
    } else if (Node2.isVariableDeclaration(node) || Node2.isReturnStatement(node)) {
      const value = Node2.isVariableDeclaration(node) ? node.getInitializer() : node.getExpression();
      const named = Node2.isReturnStatement(node) || isRewardName2(node.getName());
      const shift = value && named ? shiftOperand(value) : void 0;
      if (value && shift) report(value, shift);
    }
  }
  return reports;
}
var rewardShift = {
  meta: {
    code: "RL104",
    name: "reward-shift",
    severity: "warning",
    summary: "A constant or a statistic is added to or subtracted from a reward (scale rewards, do not shift them)."
  },
  // Every finding has a name that isRewardName accepts as an operand of `+`/`-`: right before the operator or its
  // subscript (`rewards[i] -= c`, `(reward)\n - b`), or right after a `+`, itself or as an attribute (`c + reward`,
  // `c + self.reward`).
  // A score is reward-like only by a reward word or `rm` in its name or in the call it comes from, or a reward-named
  // target: one of those is in the file. (That test first: most files fail it.)
  triggers: [
    /rew|\brm_|[._]rm\b|_rs\b/i,
    new RegExp(String.raw`${REWARD_NAME_END}(?:[\s)\\]|#.*\n)*[-+[]|\+(?:[\s(\\]|#.*\n)*(?:\p{ID_Continue}+\s*\.\s*)*\p{ID_Continue}*${REWARD_NAME_END}`, "iu")
  ],
  python: checkPython19,
  typescript: checkTypeScript4
};

// src/analysis/rules/role-based-loss-mask.ts
var MESSAGE_ENCODER = /template|encode_?messages?|tokenize_?messages?|render/i;
var SFT_NAME2 = /(?:^|_)sft(?:_|$)|Sft|SFT|supervised/;
var MESSAGE12 = "Loss mask chosen by message role: the ones cover every token of the assistant message's templated encoding, including the generation-prompt header (`<|im_start|>assistant\\n`) and the `\\n` after `<|im_end|>`, tokens the template writes, not the model. Mask per token, up to and including the end-of-turn token.";
function messageOfRole(node) {
  if (node.type === "subscript" && stringValue(node.childForFieldName("subscript")) === "role") {
    return node.childForFieldName("value") ?? void 0;
  }
  if (node.type === "call" && calleeMethod(node) === "get" && stringValue(positionalArguments(node)[0]) === "role") {
    return node.childForFieldName("function")?.childForFieldName("object") ?? void 0;
  }
  if (node.type === "attribute" && node.childForFieldName("attribute")?.text === "role") {
    return node.childForFieldName("object") ?? void 0;
  }
  return void 0;
}
function roleTestedMessage(condition) {
  for (const comparison2 of condition ? descendants(condition, "comparison_operator") : []) {
    const operands = comparison2.namedChildren.filter((n) => n !== null);
    if (!operands.some((o) => o.type === "string" || ["tuple", "list", "set"].includes(o.type))) continue;
    for (const operand of operands) {
      const message4 = messageOfRole(operand);
      if (message4) return message4;
      if (operand.type === "identifier" && operand.text === "role") return messageReadInto(operand);
    }
  }
  return void 0;
}
function messageReadInto(role) {
  const [assignment] = assignmentsTo(enclosingScope(role), role.text);
  const value = assignment?.childForFieldName("right");
  return (value && messageOfRole(value)) ?? null;
}
function enclosingRoleTest(node) {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === "function_definition" || parent.type === "lambda") return void 0;
    let conditions = [];
    if (parent.type === "if_statement" || parent.type === "elif_clause") {
      if (child.id === parent.childForFieldName("consequence")?.id) conditions = [parent.childForFieldName("condition")];
    } else if (parent.type === "else_clause" && parent.parent?.type === "if_statement") {
      const elifs = parent.parent.childrenForFieldName("alternative").filter((a) => a?.type === "elif_clause");
      conditions = [parent.parent, ...elifs].map((branch) => branch?.childForFieldName("condition") ?? null);
    } else if (parent.type === "conditional_expression" && child.id !== parent.namedChild(1)?.id) {
      conditions = [parent.namedChild(1)];
    }
    for (const condition of conditions) {
      const message4 = roleTestedMessage(condition);
      if (message4 !== void 0) return message4;
    }
  }
  return void 0;
}
function encodingCall(value, hops = 1) {
  switch (value?.type) {
    case "call": {
      const [first] = positionalArguments(value);
      if (VALUE_WRAPPERS.includes(calleeMethod(value))) return encodingCall(first, hops);
      if (hops > 0 && isTokenizerCall(value) && first?.type === "identifier") {
        return encodingCall(lastAssignmentBefore(first, value)?.childForFieldName("right"), hops - 1);
      }
      return value;
    }
    case "subscript":
      if (value.childForFieldName("subscript")?.type === "slice") return void 0;
      return encodingCall(value.childForFieldName("value"), hops);
    case "attribute":
      return encodingCall(value.childForFieldName("object"), hops);
    case "await":
    case "parenthesized_expression":
      return encodingCall(value.namedChild(0), hops);
    default:
      return void 0;
  }
}
function templatesWholeMessage(call, message4) {
  const args2 = [...positionalArguments(call), keywordArgument(call, "conversation"), keywordArgument(call, "messages")];
  return args2.some((arg) => {
    if (arg?.type === "list" && arg.namedChildCount === 1) {
      return !message4 || arg.namedChild(0)?.text === message4.text;
    }
    return !!message4 && arg?.text === message4.text && MESSAGE_ENCODER.test(calleeMethod(call));
  });
}
function lastAssignmentBefore(name2, node) {
  return assignmentsTo(enclosingScope(node), name2.text).filter((a) => a.startIndex < node.startIndex).at(-1);
}
function isCorrectedLater(ones) {
  const assignment = ones.parent?.type === "assignment" ? ones.parent : void 0;
  const target = assignment?.childForFieldName("left");
  if (target?.type !== "identifier") return false;
  return descendants(enclosingScope(ones), "assignment").some((a) => {
    const left = a.childForFieldName("left");
    return left?.type === "subscript" && left.childForFieldName("value")?.text === target.text && a.startIndex > ones.startIndex;
  });
}
function isSupervisedDataset(node, path) {
  const definitions = [enclosing(node, "class_definition"), enclosingFunction(node)];
  const isDataset = (d) => d.type === "class_definition" && nameWords(functionName(d)).at(-1) === "dataset" && !nameWords(functionName(d)).some((w) => ["rl", "rlhf", "rollout", "ppo", "grpo"].includes(w));
  return SFT_NAME2.test(path.split("/").pop() ?? "") || definitions.some((d) => d !== void 0 && (SFT_NAME2.test(functionName(d)) || isDataset(d)));
}
function checkPython20(file) {
  const reports = [];
  const reportedSizes = /* @__PURE__ */ new Set();
  for (const node of descendants(file.root, "binary_operator", "list_comprehension", "call")) {
    const sized = onesExpression(node)?.sizedLike;
    if (sized?.type !== "identifier" || reportedSizes.has(sized.id)) continue;
    const message4 = enclosingRoleTest(node);
    if (message4 === void 0) continue;
    const call = encodingCall(lastAssignmentBefore(sized, node)?.childForFieldName("right"));
    if (!call || !templatesWholeMessage(call, message4) || isCorrectedLater(node)) continue;
    reportedSizes.add(sized.id);
    reports.push({ ...rangeOf(node), message: MESSAGE12, ...isSupervisedDataset(node, file.path) ? { severity: "info" } : {} });
  }
  return reports;
}
var roleBasedLossMask = {
  meta: {
    code: "RL110",
    name: "role-based-loss-mask",
    severity: "warning",
    summary: "A multi-turn loss mask set to ones for every token of each assistant message's templated encoding."
  },
  triggers: [
    // The role test: `msg["role"]`, `msg.get("role")`, `msg.role` or a `role` name.
    /\brole\b/,
    // The ones sized like a name (onesExpression's `sizedLike`): `[1, 1] * len(ids)`, `len(ids) * [True]`,
    // `[1 for _ in ids]`, `ones(len(ids))`, `ones_like(ids)`.
    /\[\s*(?:1|True)(?:\s*,\s*(?:1|True))*\s*,?\s*\]\s*\*\s*len\s*\(|\blen\s*\([^()]*\)\s*\*\s*\[|\[\s*(?:1|True)\s+for\b|\bones\s*\(\s*len\s*\(|\bones_like\s*\(/
  ],
  python: checkPython20
};

// src/analysis/rules/shifted-value-mask.ts
var SHIFT_CONSEQUENCE = "a prediction sliced `[-L - 1:-1]` is aligned with the response tokens, and its mask is the response's own, `[:, -L:]`. The shifted mask keeps the value or log-prob at the last real token's position (after EOS, predicting padding) and drops the first response token's.";
var MASK_MESSAGE = (mask, fixed) => `\`${mask}\` is the mask of the tokens *before* the response (shifted by one): ${SHIFT_CONSEQUENCE} Use \`${fixed}\`.`;
var MASKED_BEFORE_SLICE_MESSAGE = (mask, fixed) => `Masked with \`${mask}\` before the slice \`[-L - 1:-1]\`, the values get the mask of the tokens *before* the response (shifted by one): ${SHIFT_CONSEQUENCE} Slice first, then multiply by \`${fixed}\`.`;
var VALUE_MESSAGE = (text) => `\`${text}\` reads the critic's values one position late: the value of the state before token t is the output at position t - 1 (the end of the prefix), so values for the tokens are \`[:, :-1]\` (or \`[:, -L - 1:-1]\` for the response). Read at \`[:, 1:]\`, each token gets the value of the state after it, and GAE's deltas are off by one.`;
function isOneBeforeLast(start2) {
  const text = start2.text.replace(/\s+/g, "");
  return /^-[\w.()[\]"']+-1$/.test(text) || /^-\([\w.()[\]"']+\+1\)$/.test(text);
}
function lastAxisSlice(subscript) {
  const indices = subscript.childrenForFieldName("subscript").filter((n) => n !== null);
  const last = indices.at(-1);
  return last?.type === "slice" ? last : void 0;
}
function sliceBounds(slice) {
  const bounds = [void 0];
  for (const child of slice.children) {
    if (!child) continue;
    if (child.type === ":") bounds.push(void 0);
    else bounds[bounds.length - 1] = child;
  }
  const [start2, stop2, step] = bounds;
  return { start: start2, stop: stop2, step };
}
function oneBeforeLastLength(subscript) {
  const slice = lastAxisSlice(subscript);
  const { start: start2, stop: stop2 } = slice ? sliceBounds(slice) : {};
  if (!start2 || stop2?.text.replace(/\s+/g, "") !== "-1" || !isOneBeforeLast(start2)) return void 0;
  return start2.text.replace(/\s+/g, "").replace(/^-\(?/, "").replace(/(?:-1|\+1\))$/, "");
}
function shiftedMasks(root) {
  const reports = [];
  for (const subscript of descendants(root, "subscript")) {
    const value = subscript.childForFieldName("value");
    const length = value && oneBeforeLastLength(subscript);
    if (!value || !length || isInTestFunction(subscript)) continue;
    const axes = subscript.childrenForFieldName("subscript").length > 1 ? ":, " : "";
    if (isMaskName(subjectName(value))) {
      const prefix = subscript.text.slice(0, subscript.text.lastIndexOf("[") + 1);
      reports.push({ ...rangeOf(subscript), message: MASK_MESSAGE(subscript.text, `${prefix}${axes}-${length}:]`) });
      continue;
    }
    const masking = value.type === "identifier" ? maskingBefore(subscript, value.text) : void 0;
    if (masking) {
      const mask = masking.mask;
      reports.push({ ...rangeOf(masking.assignment), message: MASKED_BEFORE_SLICE_MESSAGE(mask, `${mask}[${axes}-${length}:]`) });
    }
  }
  return reports;
}
function maskingBefore(read, name2) {
  const fn = enclosingFunction(read);
  if (!fn) return void 0;
  for (const assignment of descendants(fn, "assignment", "augmented_assignment")) {
    if (assignment.endIndex > read.startIndex || assignment.childForFieldName("left")?.text !== name2) continue;
    const right = unparenthesized(assignment.childForFieldName("right"));
    const factors = assignment.type === "augmented_assignment" ? operatorOf(assignment) === "*=" ? [right] : [] : operatorOf(right) === "*" ? [right.childForFieldName("left"), right.childForFieldName("right")] : [];
    const mask = factors.map(unparenthesized).find((f) => (f.type === "identifier" || f.type === "attribute") && isMaskName(subjectName(f)));
    if (mask && (assignment.type === "augmented_assignment" || factors.some((f) => f.text === name2))) return { assignment, mask: mask.text };
  }
  return void 0;
}
function isCriticContext(node) {
  const words = [];
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "function_definition" || p.type === "class_definition") words.push(...nameWords(functionName(p)));
  }
  if (words.some((word) => word === "reward" || word === "rewards" || word === "rm")) return false;
  return words.some((word) => word === "critic" || word === "values" || word === "value");
}
function lateValues(root) {
  const reports = [];
  for (const assignment of descendants(root, "assignment")) {
    const target = assignment.childForFieldName("left");
    const right = assignment.childForFieldName("right");
    const words = target ? nameWords(subjectName(target) ?? "") : [];
    if (!right || !words.some((word) => word === "values" || word === "vpreds" || word === "value")) continue;
    const read = unparenthesized(right);
    if (read.type !== "subscript") continue;
    const slice = lastAxisSlice(read);
    const { start: start2, stop: stop2 } = slice ? sliceBounds(slice) : {};
    if (start2?.text !== "1" || stop2 || read.childrenForFieldName("subscript").length < 2) continue;
    if (isCriticContext(assignment) && !isInTestFunction(assignment)) reports.push({ ...rangeOf(read), message: VALUE_MESSAGE(read.text) });
  }
  return reports;
}
var LABEL_MESSAGE = (mask, labels) => `\`${mask}\` drops the last position while the labels are \`${labels}\` (shifted left by one): the mask is aligned with the logits, not with the tokens they predict, so each token is kept or dropped by its *previous* token's mask: the first response token is not trained and the token after the response is, unless the dataset already shifted the mask by one. Slice the mask like the labels (\`[:, 1:]\`) if it did not.`;
function maskAlignedWithLogits(root) {
  const reports = [];
  for (const fn of descendants(root, "function_definition")) {
    const assignments = descendants(fn, "assignment").filter((a) => enclosingFunction(a)?.id === fn.id);
    const sliceOf = (assignment) => {
      const right = assignment.childForFieldName("right");
      const read = right ? descendants(right, "subscript")[0] : void 0;
      const slice = read && lastAxisSlice(read);
      const { start: start2, stop: stop2 } = slice ? sliceBounds(slice) : {};
      return { read, start: start2?.text.replace(/\s+/g, ""), stop: stop2?.text.replace(/\s+/g, "") };
    };
    const labels = assignments.find((a) => {
      const words = nameWords(subjectName(a.childForFieldName("left")) ?? "");
      const { start: start2, stop: stop2 } = sliceOf(a);
      return words.some((w) => w === "labels" || w === "targets") && start2 === "1" && stop2 === void 0;
    });
    if (!labels) continue;
    for (const assignment of assignments) {
      const name2 = subjectName(assignment.childForFieldName("left"));
      const { read, start: start2, stop: stop2 } = sliceOf(assignment);
      if (!read || !isMaskName(name2) || !nameWords(name2).includes("loss") || start2 !== void 0 || stop2 !== "-1") continue;
      if (!isInTestFunction(assignment)) {
        reports.push({ ...rangeOf(read), message: LABEL_MESSAGE(read.text, sliceOf(labels).read.text), severity: "info" });
      }
    }
  }
  return reports;
}
function checkPython21(file) {
  return [...shiftedMasks(file.root), ...lateValues(file.root), ...maskAlignedWithLogits(file.root)].sort((a, b) => a.line - b.line || a.column - b.column);
}
var shiftedValueMask = {
  meta: {
    code: "RL208",
    name: "shifted-value-mask",
    severity: "error",
    summary: "A response or loss mask, or a critic's values, read one position off the tokens they belong to."
  },
  // A shifted mask: a `mask` and a slice ending at `-1]` after a `- 1` or `+ 1)` start. Late values: `values = x[:, 1:]`.
  // A mask following the logits: labels or targets sliced `, 1:]` and a line with a mask sliced `, :-1]`.
  triggers: [
    // Cheap and necessary: every alternative below slices `: -1]` or `, 1:]`.
    /:\s*-\s*1\s*\]|,\s*1\s*:\s*\]/,
    /^(?=[\s\S]*mask)(?=[\s\S]*[-+]\s*1\s*\)?\s*:\s*-\s*1\s*\])|(?:values?|vpreds?)\w*\s*=\s*[\w.]+\[\s*:\s*,\s*1\s*:\s*\]|^(?=[\s\S]*(?:labels|targets)\w*\s*=[^\n]*,\s*1\s*:\s*\])(?=[\s\S]*mask[^\n]*,\s*:\s*-\s*1\s*\])/
  ],
  python: checkPython21
};

// src/analysis/rules/special-tokens-stripped.ts
var PROMPT_KEYWORD = /^(prompts?|inputs?|input_ids|prompt_ids|prompt_token_ids|texts?)$/;
var REWARD_CALL2 = /reward|score|verif|judge|grade/i;
var SEVERITY = { prompt: "warning", stored: "warning", reward: "info" };
var MESSAGE13 = {
  prompt: "decode(skip_special_tokens=True) text is sent back to the inference engine as a prompt (case a): the chat tokens, the generation prompt among them, are gone from the rollout prompt.",
  stored: "decode(skip_special_tokens=True) prompt text is stored as the prompt of a training sample (case a): whatever tokenizes it again (a teacher, a reward model, the engine) gets a prompt without the chat tokens.",
  reward: "decode(skip_special_tokens=True) text is handed to a reward function (case b): the reward cannot see a missing `<|im_end|>` or a hallucinated `<|im_start|>user` turn, so malformed outputs get paid."
};
var rendersTemplate = (method) => method === "apply_chat_template";
var EXTRACTS = /extract|parse|query|search|retriev|find|match/i;
var leavesPrompt = (method) => rendersTemplate(method) || EXTRACTS.test(method) || method === "step";
var COMPLETION_WORDS = /* @__PURE__ */ new Set(["response", "responses", "completion", "completions", "generated", "generation", "action", "actions", "reply"]);
var PROMPT_WORDS3 = /* @__PURE__ */ new Set(["prompt", "prompts", "query", "queries", "input", "inputs", "history", "conversation", "context", "sequence", "sequences", "full", "all"]);
function idWords(decode) {
  const [ids] = positionalArguments(decode);
  if (!ids) return [];
  const names = descendants(ids, "identifier", "string").map((n) => n.type === "string" ? stringValue(n) ?? "" : n.text);
  return names.flatMap(nameWords);
}
function decodesCompletion(decode) {
  const [ids] = positionalArguments(decode);
  const slicedAfterPrompt = ids?.type === "subscript" && ids.childrenForFieldName("subscript").some((i2) => i2.type === "slice" && i2.namedChildCount > 0 && /^\s*[^:\s-]/.test(i2.text));
  const words = idWords(decode);
  return slicedAfterPrompt || words.some((w) => COMPLETION_WORDS.has(w)) && !words.some((w) => PROMPT_WORDS3.has(w) && w !== "input");
}
function decodesPrompt(decode) {
  const words = idWords(decode);
  return words.some((w) => PROMPT_WORDS3.has(w)) && !words.some((w) => COMPLETION_WORDS.has(w) || w === "sequence" || w === "sequences");
}
function isUntemplatedBranch(decode) {
  for (let child = decode, parent = decode.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === "else_clause" && parent.parent?.type === "if_statement" && /chat_template/.test(parent.parent.childForFieldName("condition")?.text ?? "")) return true;
    if (parent.type === "if_statement" && parent.childForFieldName("consequence")?.id === child.id && /^not\b.*chat_template/.test(parent.childForFieldName("condition")?.text ?? "")) return true;
  }
  return false;
}
var BARRIERS = { prompt: leavesPrompt, stored: leavesPrompt, reward: rendersTemplate };
var SAMPLE_CONTAINER = /^(?:batch|inputs?|slices?|samples?|examples?|features|items?|data|row|updated)$/;
function promptArguments(call) {
  const keywords = call.childForFieldName("arguments")?.namedChildren.filter(
    (arg) => arg?.type === "keyword_argument" && PROMPT_KEYWORD.test(arg.childForFieldName("name")?.text ?? "")
  ) ?? [];
  return [...positionalArguments(call).slice(0, 1), ...keywords];
}
function pythonSink(decode, root) {
  const scope = enclosingFunction(decode) ?? root;
  const calls = descendants(scope, "call").filter((call) => contains(call, decode) || runsAfter(decode, call));
  const carrier = (sink, call) => {
    const barrier2 = (c) => BARRIERS[sink](calleeMethod(c));
    const names = derivedNames(scope, receivingNames(decode), { barrier: barrier2, after: decode });
    const loop = call.endIndex <= decode.startIndex ? enclosingLoopOf(decode, call) : void 0;
    const reaching = loop ? carriedTo(loop, derivedNames(scope, receivingNames(decode), { barrier: barrier2, after: decode, sameIteration: true }), call, barrier2) : names;
    return (arg) => arg !== null && (contains(arg, decode) || mentions(arg, reaching, barrier2));
  };
  if (!decodesCompletion(decode) && !isUntemplatedBranch(decode)) {
    const generations = calls.filter((call) => GENERATION_CALLS.includes(calleeMethod(call)));
    if (generations.some((call) => promptArguments(call).some(carrier("prompt", call)))) return "prompt";
  }
  if (decodesPrompt(decode)) return storesPrompt(scope, decode, receivingNames(decode)) ? "stored" : void 0;
  const rewards = calls.filter((call) => REWARD_CALL2.test(calleeMethod(call)));
  if (rewards.some((call) => call.childForFieldName("arguments")?.namedChildren.some(carrier("reward", call)))) return "reward";
  return void 0;
}
function storesPrompt(scope, after, seeds, depth = 1) {
  const barrier2 = (c) => BARRIERS.stored(calleeMethod(c));
  const names = derivedNames(scope, seeds, { barrier: barrier2, ...after ? { after } : {} });
  const later = (node) => !after || runsAfter(after, node);
  const stored = descendants(scope, "assignment").some((a) => {
    const target = a.childForFieldName("left");
    const key = target?.type === "subscript" ? stringValue(target.childForFieldName("subscript")) : void 0;
    const container = target?.type === "subscript" ? target.childForFieldName("value")?.text ?? "" : "";
    return key !== void 0 && nameWords(key).some((w) => w === "prompt" || w === "prompts") && nameWords(container).some((w) => SAMPLE_CONTAINER.test(w)) && later(a) && mentions(a.childForFieldName("right"), names, barrier2);
  });
  if (stored || depth === 0) return stored;
  const owner = enclosing(scope, "class_definition");
  if (!owner) return false;
  return descendants(scope, "call").some((call) => {
    const callee = call.childForFieldName("function");
    if (callee?.type !== "attribute" || callee.childForFieldName("object")?.text !== "self" || !later(call)) return false;
    const method = descendants(owner, "function_definition").find((fn) => functionName(fn) === callee.childForFieldName("attribute").text);
    if (!method) return false;
    const parameters = parametersOf(method).map((p) => p.name).filter((n) => n !== "self");
    const passed = positionalArguments(call).flatMap((arg, i2) => mentions(arg, names, barrier2) && parameters[i2] ? [parameters[i2]] : []);
    return passed.length > 0 && storesPrompt(method, void 0, passed, depth - 1);
  });
}
function enclosingLoopOf(a, b) {
  for (let loop = enclosing(a, "for_statement", "while_statement"); loop; loop = enclosing(loop, "for_statement", "while_statement")) {
    if (contains(loop, b)) return loop;
  }
  return void 0;
}
function checkPython22(file) {
  const reports = [];
  for (const decode of callsNamed(file.root, "decode", "batch_decode")) {
    const skip = keywordArgument(decode, "skip_special_tokens");
    if (skip?.type !== "true") continue;
    const sink = pythonSink(decode, file.root);
    if (!sink) continue;
    const fix = sink !== "reward" ? editFix(file.source, "Keep the special tokens", [{ start: skip.startIndex, end: skip.endIndex, text: "False" }]) : void 0;
    reports.push({ ...rangeOf(decode), message: MESSAGE13[sink], severity: SEVERITY[sink], ...fix ? { fix } : {} });
  }
  return reports;
}
function checkTypeScript5(file) {
  const { Node: Node2, SyntaxKind } = file.morph;
  const reports = [];
  for (const decode of file.sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (!["decode", "batch_decode"].includes(methodName(decode))) continue;
    const options = decode.getArguments()[1];
    if (!options || !Node2.isObjectLiteralExpression(options)) continue;
    const skip = options.getProperty("skip_special_tokens");
    const value = skip && Node2.isPropertyAssignment(skip) ? skip.getInitializer() : void 0;
    if (value?.getKind() !== SyntaxKind.TrueKeyword) continue;
    const sink = typeScriptSink(file, decode);
    if (!sink) continue;
    const fix = sink !== "reward" ? editFix(file.source, "Keep the special tokens", [{ start: value.getStart(), end: value.getEnd(), text: "false" }]) : void 0;
    reports.push({ ...tsRangeOf(decode), message: MESSAGE13[sink], severity: SEVERITY[sink], ...fix ? { fix } : {} });
  }
  return reports;
}
function methodName(call) {
  const callee = call.getExpression();
  const text = callee.getText();
  return text.slice(text.lastIndexOf(".") + 1);
}
function typeScriptSink(file, decode) {
  const { Node: Node2, SyntaxKind } = file.morph;
  const scope = decode.getFirstAncestor((a) => Node2.isFunctionLikeDeclaration(a)) ?? file.sourceFile;
  const calls = scope.getDescendantsOfKind(SyntaxKind.CallExpression);
  const carrier = (sink) => {
    const names = typeScriptDerivedNames(file, scope, decode, BARRIERS[sink]);
    return (arg) => holdsDecoded(file, arg, decode, names, BARRIERS[sink]);
  };
  const carriesPrompt = carrier("prompt");
  const generations = calls.filter((call) => [...GENERATION_CALLS, "generator"].includes(methodName(call)));
  if (generations.some((call) => call.getArguments().slice(0, 1).some(carriesPrompt))) return "prompt";
  const carriesText = carrier("reward");
  const rewards = calls.filter((call) => REWARD_CALL2.test(methodName(call)));
  if (rewards.some((call) => call.getArguments().some(carriesText))) return "reward";
  return void 0;
}
function typeScriptDerivedNames(file, scope, decode, barrier2) {
  const { Node: Node2, SyntaxKind } = file.morph;
  const edges = [];
  for (const declaration of scope.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
    const initializer = declaration.getInitializer();
    const target = declaration.getNameNode();
    const bound = Node2.isIdentifier(target) ? [target] : target.getDescendantsOfKind(SyntaxKind.Identifier);
    if (initializer) for (const name2 of bound) edges.push({ from: initializer, to: name2.getText() });
  }
  for (const binary2 of scope.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    const operator2 = binary2.getOperatorToken().getKind();
    if (operator2 === SyntaxKind.EqualsToken || operator2 === SyntaxKind.PlusEqualsToken) {
      edges.push({ from: binary2.getRight(), to: binary2.getLeft().getText() });
    }
  }
  for (const call of scope.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (Node2.isPropertyAccessExpression(callee) && ["push", "unshift"].includes(callee.getName())) {
      for (const arg of call.getArguments()) edges.push({ from: arg, to: callee.getExpression().getText() });
    }
  }
  const names = /* @__PURE__ */ new Set();
  let grew = true;
  while (grew) {
    grew = false;
    for (const edge of edges) {
      if (names.has(edge.to) || !holdsDecoded(file, edge.from, decode, names, barrier2)) continue;
      names.add(edge.to);
      grew = true;
    }
  }
  return names;
}
function holdsDecoded(file, node, decode, names, barrier2) {
  const { Node: Node2, SyntaxKind } = file.morph;
  if (encloses(node, decode)) return true;
  const identifiers = Node2.isIdentifier(node) ? [node] : node.getDescendantsOfKind(SyntaxKind.Identifier);
  return identifiers.some((id) => {
    if (!names.has(id.getText())) return false;
    const parent = id.getParent();
    const isName = Node2.isPropertyAccessExpression(parent) || Node2.isPropertyAssignment(parent);
    if (isName && parent.getNameNode() === id) return false;
    if (Node2.isPropertyAccessExpression(parent) && parent.getName() === "length") return false;
    return !id.getAncestors().some((a) => Node2.isCallExpression(a) && barrier2(methodName(a)) && encloses(node, a));
  });
}
function encloses(outer, inner) {
  return outer.getStart() <= inner.getStart() && inner.getEnd() <= outer.getEnd();
}
var specialTokensStripped = {
  meta: {
    code: "RL107",
    name: "special-tokens-stripped",
    severity: "warning",
    summary: "Text decoded with skip_special_tokens=True is fed back to the engine as a prompt (warning) or to a reward function (info).",
    fix: "unsafe"
  },
  // Every finding passes `skip_special_tokens=True` (TS: `skip_special_tokens: true`) to a decode whose text reaches
  // a GENERATION_CALLS call (all hold "generat"; TS also `generator`) or a REWARD_CALL.
  triggers: [/skip_special_tokens['"]?\s*[=:]\s*(?:True|true)\b/, /generat|reward|score|verif|judge|grade/i],
  python: checkPython22,
  typescript: checkTypeScript5
};

// src/analysis/rules/special-tokens-twice.ts
var TOKENIZER_CALLEE2 = /tokenizer$|^tok$/i;
var PROCESSOR_CALLEE = /processor$|^processing_class$/i;
var NOT_AN_ENCODER = /template|qwen|image|video|audio|feature/i;
var ENCODE_METHODS = ["encode", "encode_plus", "batch_encode_plus", "__call__"];
var VLLM_ENGINE = /^(?:self\.)?(?:\w+\.)?llm$/;
var ENCODE_MESSAGE = "Text rendered by apply_chat_template is tokenized again with the tokenizer's special tokens: the template already wrote them, so a template that starts with the BOS token (Llama 3, Gemma, DeepSeek, Mistral) gets a second BOS, and one that ends with EOS a second EOS. Pass add_special_tokens=False (or tokenize in apply_chat_template).";
var ENGINE_MESSAGE = "Text rendered by apply_chat_template is sent to vLLM's generate(), which tokenizes a text prompt with the tokenizer's special tokens: a template that starts with the BOS token (Llama 3, Gemma, DeepSeek) gets a second BOS. Send token ids (tokenize=True) or strip the BOS from the text.";
var APPEND_MESSAGE = "A special token is added to ids the chat template already rendered: the template writes its own BOS and end-of-turn tokens, so the sequence gets a second one, trained on (an extra EOS after `<|im_end|>\\n`) or seen by the model (a second BOS). Check the first/last id, or add it only to text that was not templated.";
function isProcessorCall(call) {
  const name2 = calleeName(call);
  return PROCESSOR_CALLEE.test(name2.slice(name2.lastIndexOf(".") + 1)) && keywordArgument(call, "images") !== void 0;
}
function encodedText2(call) {
  const name2 = calleeName(call);
  if (NOT_AN_ENCODER.test(name2)) return void 0;
  const last = name2.slice(name2.lastIndexOf(".") + 1);
  if (PROCESSOR_CALLEE.test(last)) return keywordArgument(call, "text");
  if (!ENCODE_METHODS.includes(last) && !TOKENIZER_CALLEE2.test(last)) return void 0;
  return positionalArguments(call)[0] ?? keywordArgument(call, "text");
}
function addsSpecialTokens(call) {
  const value = keywordArgument(call, "add_special_tokens");
  return value === void 0 ? splatArguments(call).length === 0 : literalTruth(value) === true;
}
function rendersText2(call) {
  const method = calleeMethod(call);
  if (method === "maybe_apply_chat_template") return true;
  if (method !== "apply_chat_template") return false;
  const tokenize = keywordArgument(call, "tokenize");
  return tokenize !== void 0 && literalTruth(tokenize) === false;
}
function rendersIds(call) {
  if (calleeMethod(call) !== "apply_chat_template") return false;
  const tokenize = keywordArgument(call, "tokenize");
  return tokenize === void 0 || literalTruth(tokenize) === true;
}
function functionsByName(root) {
  const byName = /* @__PURE__ */ new Map();
  for (const fn of descendants(root, "function_definition")) {
    const name2 = functionName(fn);
    byName.set(name2, [...byName.get(name2) ?? [], fn]);
  }
  return byName;
}
function returnsTemplatedText(fn) {
  const renders = callsNamed(fn, "apply_chat_template", "maybe_apply_chat_template").filter(rendersText2);
  if (renders.length === 0) return false;
  const names = derivedNames(fn, renders.flatMap(receivingNames));
  return descendants(fn, "return_statement").some((r) => enclosingScope(r).id === fn.id && r.namedChild(0) !== null && (renders.some((call) => r.startIndex <= call.startIndex && call.endIndex <= r.endIndex) || mentions(r.namedChild(0), names)));
}
function mappedFunctionNames(call) {
  const first = positionalArguments(call)[0] ?? keywordArgument(call, "function");
  if (!first) return [];
  const arms = first.type === "conditional_expression" ? [first.namedChild(0), first.namedChild(2)] : [first];
  return arms.flatMap((arm) => arm?.type === "identifier" ? [arm.text] : arm?.type === "attribute" ? [arm.childForFieldName("attribute").text] : []);
}
function mapCallbacksOfTemplatedData(root, byName) {
  const callbacks = /* @__PURE__ */ new Map();
  const templating = (name2) => name2 === "maybe_apply_chat_template" || name2 === "apply_chat_template" || (byName.get(name2) ?? []).some(returnsTemplatedText);
  for (const scope of [root, ...descendants(root, "function_definition")]) {
    const maps = callsNamed(scope, "map").filter((call) => ownerOf2(call, root).id === scope.id);
    for (const templated of maps.filter((call) => mappedFunctionNames(call).some(templating))) {
      const data = templated.childForFieldName("function")?.childForFieldName("object")?.text;
      for (const later of maps) {
        if (later.startIndex <= templated.endIndex || later.childForFieldName("function")?.childForFieldName("object")?.text !== data) continue;
        for (const fn of mappedFunctionNames(later).flatMap((name2) => byName.get(name2) ?? [])) {
          const parameter = parametersOf(fn).find((p) => p.name !== "self" && p.name !== "cls");
          if (parameter) callbacks.set(fn.id, parameter.name);
        }
      }
    }
  }
  return callbacks;
}
function ownerOf2(node, root) {
  return enclosingFunction(node) ?? root;
}
var handlesBos = (scope) => /bos_token\b|<s>|begin_of_text|begin▁of▁sentence|<bos>/.test(scope.text);
function addedSpecialToken(node) {
  const single = (list) => list?.type === "list" && list.namedChildCount === 1 ? list.namedChild(0) : null;
  const kind = (token) => token && /(?:^|\.)_?eos_token_id$/.test(token.text) ? "eos" : token && /(?:^|\.)_?bos_token_id$/.test(token.text) ? "bos" : void 0;
  if (node.type === "binary_operator" && node.childForFieldName("operator")?.text === "+") {
    const [left, right] = [node.childForFieldName("left"), node.childForFieldName("right")];
    const appended = kind(single(right));
    if (appended === "eos") return { ids: left, token: "eos" };
    const prepended = kind(single(left));
    if (prepended === "bos") return { ids: right, token: "bos" };
    return void 0;
  }
  if (node.type === "call" && calleeMethod(node) === "append" && kind(positionalArguments(node)[0] ?? null) === "eos") {
    const ids = node.childForFieldName("function")?.childForFieldName("object");
    return ids ? { ids, token: "eos" } : void 0;
  }
  return void 0;
}
function isConditional2(node) {
  const scope = enclosingScope(node);
  for (let p = node.parent; p && p.id !== scope.id; p = p.parent) {
    if (p.type === "if_statement" || p.type === "conditional_expression" || p.type === "elif_clause") return true;
  }
  return false;
}
var barrier = (call) => calleeMethod(call) === "apply_chat_template";
function checkPython23(file) {
  const byName = functionsByName(file.root);
  const helpers = new Set([...byName].filter(([, fns]) => fns.some(returnsTemplatedText)).map(([name2]) => name2));
  const callbacks = mapCallbacksOfTemplatedData(file.root, byName);
  const scopes = [file.root, ...descendants(file.root, "function_definition")];
  const callsOf = new Map(scopes.map((scope) => [scope.id, []]));
  for (const call of descendants(file.root, "call")) callsOf.get(ownerOf2(call, file.root).id).push(call);
  const templated = (scope, extra) => {
    const renders = callsOf.get(scope.id).filter((call) => rendersText2(call) || helpers.has(calleeMethod(call)));
    const seeds = [...renders.flatMap(receivingNames), ...extra];
    const parameter = callbacks.get(scope.id);
    if (parameter) seeds.push(parameter);
    return { renders, texts: seeds.length > 0 ? derivedNames(scope, seeds, { barrier }) : /* @__PURE__ */ new Set() };
  };
  const ownTexts = new Map(scopes.map((scope) => [scope.id, templated(scope, [])]));
  const attributes = /* @__PURE__ */ new Map();
  for (const scope of scopes) {
    const owner = scope.type === "function_definition" ? enclosing(scope, "class_definition") : void 0;
    if (!owner) continue;
    const kept = [...ownTexts.get(scope.id).texts].filter((name2) => name2.startsWith("self.") && !name2.includes("["));
    attributes.set(owner.id, /* @__PURE__ */ new Set([...attributes.get(owner.id) ?? [], ...kept]));
  }
  const reports = [];
  for (const scope of scopes) {
    const owner = scope.type === "function_definition" ? enclosing(scope, "class_definition") : void 0;
    const kept = owner ? [...attributes.get(owner.id) ?? []] : [];
    const { renders, texts } = kept.length > 0 ? templated(scope, kept) : ownTexts.get(scope.id);
    const calls = callsOf.get(scope.id);
    if (texts.size === 0 && !calls.some(rendersIds)) continue;
    reports.push(...checkScope(scope, calls, renders, texts));
  }
  return reports.filter((report, i2) => reports.findIndex((r) => r.line === report.line && r.column === report.column) === i2).sort((a, b) => a.line - b.line || a.column - b.column);
}
function checkScope(scope, calls, renders, texts) {
  const reports = [];
  const own = (node) => (enclosingFunction(node) ?? scope).id === scope.id;
  const carriesText = (node) => renders.some((r) => node.startIndex <= r.startIndex && r.endIndex <= node.endIndex) || mentions(node, texts, barrier);
  const encodings = [];
  for (const call of calls) {
    const text = encodedText2(call);
    if (text && carriesText(text)) {
      encodings.push(call);
      if (addsSpecialTokens(call) && !handlesBos(scope) && !isOnlyMeasured(call, scope)) {
        reports.push({ ...rangeOf(call), message: ENCODE_MESSAGE, ...isProcessorCall(call) ? { severity: "info" } : {} });
      }
    } else if (calleeMethod(call) === "generate" && VLLM_ENGINE.test(calleeName(call).replace(/\.generate$/, ""))) {
      const prompt = positionalArguments(call)[0] ?? keywordArgument(call, "prompts");
      if (!prompt || handlesBos(scope)) continue;
      const sources2 = renders.filter((render) => rendersText2(render) && render.endIndex <= prompt.startIndex && mentions(prompt, derivedNames(scope, receivingNames(render), { barrier }), barrier));
      if (sources2.length > 0 || carriesText(prompt)) {
        for (const node of sources2.length > 0 ? sources2 : [call]) reports.push({ ...rangeOf(node), message: ENGINE_MESSAGE });
      }
    }
  }
  const idSources = [...encodings, ...calls.filter(rendersIds)];
  if (idSources.length === 0) return reports;
  const ids = derivedNames(scope, idSources.flatMap(receivingNames));
  for (const node of [...descendants(scope, "binary_operator").filter(own), ...calls]) {
    const added = addedSpecialToken(node);
    if (!added || isConditional2(node) || isInTestCode(node)) continue;
    const holdsIds = idSources.some((s) => added.ids.startIndex <= s.startIndex && s.endIndex <= added.ids.endIndex) || mentions(added.ids, ids);
    if (holdsIds && !(added.token === "bos" && handlesBos(scope))) reports.push({ ...rangeOf(node), message: APPEND_MESSAGE });
  }
  return reports;
}
var specialTokensTwice = {
  meta: {
    code: "RL302",
    name: "special-tokens-twice",
    severity: "warning",
    summary: "Text or ids the chat template rendered get special tokens again (a second BOS, an extra EOS)."
  },
  // Every finding follows a templated rendering (`apply_chat_template`, `maybe_apply_chat_template`) to an encode, a
  // vLLM generate or an added `bos_token_id`/`eos_token_id`.
  triggers: ["apply_chat_template"],
  python: checkPython23
};

// src/analysis/rules/stale-loss-normalizer.ts
var NORMALIZER_WORDS = /* @__PURE__ */ new Set(["tokens", "items", "normalizer", "denominator", "denom", "count", "scale"]);
var STALE_MESSAGE = (normalizer, mask, line) => `\`${normalizer}\` counts the tokens of \`${mask}\` before line ${line} masks more of them out: the loss sums only the tokens that are still masked in, but divides by a count that includes the ones masked later (truncated completions, tool or environment tokens), so those samples shrink every gradient. Count the final loss mask.`;
var MIN_MESSAGE = (text) => `\`${text}\` caps the loss normalizer at 1 instead of flooring it: min(count, 1) is 1 for any non-empty batch, so the loss is never divided by its token count. Use max(count, 1) (or clamp(min=1)).`;
var LOSS_DENOMINATORS = /^(?:num_items_in_batch|batch_num_tokens|loss_scale|loss_normalizer|normalizer)$/;
var LOSS_MASK = /^(?:completion|response|loss|action|label)s?_masks?$/;
function isNormalizerName(name2) {
  if (!name2) return false;
  const words = nameWords(name2);
  return words.some((word) => NORMALIZER_WORDS.has(word)) && !words.some((word) => ["mask", "ids", "metrics", "seen", "factor"].includes(word));
}
function summedMask(value) {
  const sum = descendants(value, "call").find((call) => isMaskSum(call));
  const tensor = sum && reducedTensor(sum);
  const base = tensor && unparenthesized(tensor);
  return base && (base.type === "identifier" || base.type === "attribute") ? base : void 0;
}
function isFurtherMasking(statement, mask) {
  const left = statement.childForFieldName("left");
  const right = statement.childForFieldName("right");
  if (!left || !right) return false;
  if (statement.type === "augmented_assignment") {
    return left.text === mask && ["*=", "&=", "-="].includes(operatorOf(statement));
  }
  if (left.type === "subscript" && left.childForFieldName("value")?.text === mask) return /^0(?:\.0*)?$|^False$/.test(right.text);
  if (left.text !== mask) return false;
  const value = unparenthesized(right);
  return ["*", "&"].includes(operatorOf(value) ?? "") && mentions(value, /* @__PURE__ */ new Set([mask]));
}
function maskTarget(statement) {
  const left = statement.childForFieldName("left");
  const base = left?.type === "subscript" ? left.childForFieldName("value") : left;
  return base && (base.type === "identifier" || base.type === "attribute") ? base.text : void 0;
}
function staleNormalizers(file) {
  const reports = [];
  for (const assignment of descendants(file.root, "assignment")) {
    const target = targetNames(assignment.childForFieldName("left")).find((name3) => isNormalizerName(name3.split(/[.[]/).at(-1)));
    const right = assignment.childForFieldName("right");
    if (!target || !right || isInTestFunction(assignment)) continue;
    const counted = summedMask(right);
    const bare = target.split(/[.[]/).at(-1);
    if (!counted && !LOSS_DENOMINATORS.test(bare)) continue;
    const scope = enclosingScope(assignment);
    const later = descendants(scope, "assignment", "augmented_assignment").filter((s) => s.startIndex > assignment.endIndex);
    const maskings = later.map((s) => ({ s, mask: counted?.text ?? maskTarget(s) })).filter(({ s, mask: mask2 }) => mask2 !== void 0 && (counted !== void 0 || LOSS_MASK.test(mask2)) && isFurtherMasking(s, mask2));
    if (maskings.length === 0) continue;
    const { s: masking, mask } = maskings[0];
    const recounted = later.some((s) => s.startIndex > masking.endIndex && targetNames(s.childForFieldName("left")).includes(target));
    const name2 = descendants(assignment.childForFieldName("left"), "identifier", "attribute", "subscript").find((n) => n.text === target);
    if (!recounted) reports.push({ ...rangeOf(name2 ?? assignment), message: STALE_MESSAGE(target, mask, masking.startPosition.row + 1) });
  }
  return reports;
}
function cappedNormalizers(file) {
  const reports = [];
  for (const division of divisions(file.root)) {
    const { node } = division;
    const divisor = unparenthesized(division.divisor);
    if (divisor.type !== "call" || calleeName(divisor) !== "min") continue;
    const args2 = positionalArguments(divisor);
    const one = args2.find((arg) => /^1(?:\.0*)?$/.test(arg.text));
    const count = args2.find((arg) => arg !== one);
    if (args2.length !== 2 || !one || !count || isInTestFunction(node)) continue;
    if (isNormalizerName(subjectName(count)) || isMaskName(subjectName(count)) || /\.sum\(|numel\(/.test(count.text)) {
      reports.push({ ...rangeOf(divisor), message: MIN_MESSAGE(divisor.text) });
    }
  }
  return reports;
}
function checkPython24(file) {
  return [...staleNormalizers(file), ...cappedNormalizers(file)].sort((a, b) => a.line - b.line || a.column - b.column);
}
var staleLossNormalizer = {
  meta: {
    code: "RL206",
    name: "stale-loss-normalizer",
    severity: "warning",
    summary: "A loss normalizer counts tokens that a later mask removes, or is capped with min(count, 1)."
  },
  // Every finding counts a mask into a normalizer or binds a LOSS_DENOMINATORS name (`sum` or the name), then masks
  // further: `mask *= keep`, `mask = mask * keep` (a mask assigned a `*` or `&` of itself, on one line),
  // `mask[rows] = 0`; or it divides by `min(`.
  triggers: [
    // The normalizer, or a `/ min(`.
    /sum|num_items_in_batch|batch_num_tokens|loss_scale|normalizer|\/\s*min\s*\(/,
    // The further masking, or a `/ min(`. Each alternative starts with `mask` (fast to look for): the mask assigned
    // a `*` or `&` of itself is found by the end of its name recurring on the line.
    /mask\w*\s*[*&-]=|mask(\w*)\s*=(?!=)[^\n]*?(?:mask\1\b[^\n]*[*&]|[*&][^\n]*mask\1\b)|mask\w*\[[^\]\n]*\]\s*=\s*(?:0|False)\b|\/\s*min\s*\(/
  ],
  python: checkPython24
};

// src/analysis/rules/statistic-over-padding.ts
var ORDER_STATISTICS = ["quantile", "nanquantile", "median", "nanmedian", "percentile", "nanpercentile", "kthvalue"];
var PER_TOKEN_WORDS = /* @__PURE__ */ new Set([
  "entropy",
  "entropies",
  "logp",
  "logps",
  "logprob",
  "logprobs",
  "kl",
  "kld",
  "ratio",
  "ratios",
  "loss",
  "losses",
  "nll",
  "mat"
]);
var PER_TOKEN_PAIRS = [["log", "probs"], ["log", "prob"], ["per", "token"], ["token", "level"]];
var NOT_PER_TOKEN_WORDS = /* @__PURE__ */ new Set([
  "seq",
  "sequence",
  "sequences",
  "sample",
  "samples",
  "group",
  "grouped",
  "mean",
  "avg",
  "sum",
  "total",
  "batch",
  "threshold",
  "coef",
  "max",
  "min",
  "std",
  "metrics",
  "stats",
  "reward",
  "rewards",
  "score",
  "scores"
]);
var MESSAGE14 = (statistic, tensor, masks) => `\`${statistic}\` takes a statistic of \`${tensor}\` over every position, padding included, while ${masks} is in scope: padded positions (zeros, or whatever the model output there) shift the threshold or the mean, and the shift changes with how much padding the batch has. Select the real tokens first (\`x[mask.bool()]\`) or use a masked statistic (\`(x * mask).sum(-1) / mask.sum(-1)\`, \`masked_mean(x, mask)\`).`;
function isPerTokenName(name2) {
  if (!name2) return false;
  const words = nameWords(name2);
  if (words.some((word) => NOT_PER_TOKEN_WORDS.has(word))) return false;
  if (words.some((word) => PER_TOKEN_WORDS.has(word))) return true;
  return PER_TOKEN_PAIRS.some(([a, b]) => words.some((word, i2) => word === a && words[i2 + 1] === b));
}
function baseTensor(node) {
  let value = unparenthesized(node);
  while (value.type === "call" && value.childForFieldName("function")?.type === "attribute" && ["flatten", "view", "reshape", "float", "detach", "contiguous", "to", "ravel", "double"].includes(calleeMethod(value))) {
    value = unparenthesized(value.childForFieldName("function").childForFieldName("object"));
  }
  return value;
}
function masksOf(scope) {
  const names = /* @__PURE__ */ new Set();
  if (scope.type === "function_definition") {
    for (const { name: name2 } of parametersOf(scope)) if (isTokenMask(name2)) names.add(name2);
  }
  for (const assignment of descendants(scope, "assignment")) {
    for (const name2 of targetNames(assignment.childForFieldName("left"))) if (isTokenMask(name2.split(/[.[]/).at(-1))) names.add(name2);
  }
  for (const reference of references(scope)) if (isTokenMask(subjectName(reference.node))) names.add(reference.name);
  return [...names];
}
function isTokenMask(name2) {
  if (!isMaskName(name2)) return false;
  const words = nameWords(name2);
  return !words.some((word) => ["seq", "sequence", "sample", "group", "causal", "is", "has", "entropy", "high"].includes(word));
}
function statistics(root) {
  const found = [];
  for (const call of callsNamed(root, ...ORDER_STATISTICS, "mean", "nanmean")) {
    const tensor = reducedTensor(call);
    if (!tensor) continue;
    const method = calleeMethod(call);
    if (method === "mean" || method === "nanmean") {
      const dataIsArgument = tensor.id !== call.childForFieldName("function")?.childForFieldName("object")?.id;
      if (!isTokenAxis(reductionDim(call, dataIsArgument))) continue;
    }
    found.push({ call, tensor });
  }
  return found;
}
function appliesMask(node, masks) {
  const isMask = (n) => n !== null && n !== void 0 && mentions(n, masks);
  for (const subscript of descendants(node, "subscript")) if (isMask(subscript.childForFieldName("subscript"))) return true;
  for (const product of descendants(node, "binary_operator")) {
    if (product.childForFieldName("operator")?.type === "*" && (isMask(product.childForFieldName("left")) || isMask(product.childForFieldName("right")))) return true;
  }
  return descendants(node, "call").some((call) => /mask|where/i.test(calleeMethod(call)) && isMask(call.childForFieldName("arguments")));
}
function maskedNames(scope, masks) {
  const maskSet = new Set(masks);
  const seeds = descendants(scope, "assignment", "augmented_assignment").filter((assignment) => appliesMask(assignment.childForFieldName("right") ?? assignment, maskSet)).flatMap((assignment) => targetNames(assignment.childForFieldName("left")));
  return seeds.length ? derivedNames(scope, seeds) : /* @__PURE__ */ new Set();
}
function checkPython25(file) {
  const reports = [];
  const masksByScope = /* @__PURE__ */ new Map();
  for (const { call, tensor } of statistics(file.root)) {
    const base = baseTensor(tensor);
    if (!(base.type === "identifier" || base.type === "attribute" || base.type === "subscript") || !isPerTokenName(subjectName(base))) continue;
    if (isInTestFunction(call)) continue;
    const scope = enclosingScope(call);
    if (!masksByScope.has(scope.id)) {
      const masks2 = masksOf(scope);
      masksByScope.set(scope.id, { masks: masks2, masked: masks2.length ? maskedNames(scope, masks2) : /* @__PURE__ */ new Set() });
    }
    const { masks, masked } = masksByScope.get(scope.id);
    if (masks.length === 0 || appliesMask(tensor, new Set(masks)) || mentions(tensor, masked)) continue;
    const maskList = masks.slice(0, 2).map((m) => `\`${m}\``).join(" and ");
    reports.push({ ...rangeOf(call), message: MESSAGE14(call.text.length > 60 ? `${calleeMethod(call)}(...)` : call.text, base.text, maskList) });
  }
  return reports;
}
var statisticOverPadding = {
  meta: {
    code: "RL203",
    name: "statistic-over-padding",
    severity: "warning",
    summary: "A quantile or a per-sequence mean of a per-token tensor counts padding while its mask is in scope."
  },
  // Every finding is an ORDER_STATISTICS call or a `mean(` along an axis, in a function that names a mask.
  triggers: ["mask", /\b(?:nan)?(?:quantile|median|percentile|kthvalue)\s*\(|\bmean\s*\((?:[^()]|\([^()]*\))*?(?:-\s*1|\b1)\b/],
  python: checkPython25
};

// src/analysis/rules/std-without-epsilon.ts
var PYTHON_STD_CALLS = ["std", "nanstd", "stdev", "pstdev"];
var TYPESCRIPT_STD_CALLS = ["std", "stdDev", "stddev", "standardDeviation", "sampleStandardDeviation"];
var TYPESCRIPT_STD_NAME = /std|stdev|sigma/i;
var NON_FINITE_GUARDS = ["nan_to_num", "nan_to_num_", "isnan", "isfinite", "isinf"];
var EPSILON = "1e-6";
var MESSAGE15 = "Division by a standard deviation with no epsilon and no zero guard: a group whose rewards are all equal (common with 0/1 rewards) has std 0, and its advantages become NaN/inf.";
var FIX_DESCRIPTION = `Add ${EPSILON} to the standard deviation`;
function stripParentheses(node) {
  return node.type === "parenthesized_expression" && node.namedChild(0) ? stripParentheses(node.namedChild(0)) : node;
}
function isStdCall(node) {
  return node?.type === "call" && PYTHON_STD_CALLS.includes(calleeMethod(node));
}
function assignedValues(scope, name2) {
  const values = [];
  for (const assignment of descendants(scope, "assignment", "augmented_assignment")) {
    const left = assignment.childForFieldName("left");
    const right = assignment.childForFieldName("right");
    if (!left || !targetNames(left).includes(name2)) continue;
    if (assignment.type === "augmented_assignment" || !right) return void 0;
    const value = left.type === "pattern_list" ? pairedValue(left, right, name2) : right;
    if (!value) return void 0;
    if (!isEmptyContainer(value)) values.push(value);
  }
  return values;
}
function pairedValue(targets, values, name2) {
  if (values.type !== "expression_list" || values.namedChildCount !== targets.namedChildCount) return void 0;
  const index = targets.namedChildren.findIndex((t) => t?.text === name2);
  return index === -1 ? void 0 : values.namedChild(index) ?? void 0;
}
function isEmptyContainer(value) {
  if ((value.type === "dictionary" || value.type === "list") && value.namedChildCount === 0) return true;
  return value.type === "call" && ["dict", "defaultdict", "list"].includes(calleeMethod(value));
}
function isGuarded(scope, divisor, name2) {
  const conditions = [
    ...descendants(scope, "comparison_operator"),
    ...descendants(scope, "if_statement", "elif_clause", "while_statement", "assert_statement").map((n) => n.childForFieldName("condition") ?? n.namedChild(0)),
    // `body if condition else alternative`
    ...descendants(scope, "conditional_expression").map((n) => n.namedChild(1))
  ].filter((n) => n !== null && n !== void 0);
  if (name2) return conditions.some((c) => mentions(c, /* @__PURE__ */ new Set([name2])));
  return conditions.some((c) => descendants(c, "call").some((call) => call.text === divisor.text));
}
function catchesNonFinite(scope, division) {
  for (let p = division.parent; p && p.id !== scope.id; p = p.parent) {
    if (p.type === "call" && NON_FINITE_GUARDS.includes(calleeMethod(p))) return true;
  }
  const assignment = division.type === "augmented_assignment" ? division : assignmentHolding(division);
  const results = new Set(targetNames(assignment?.childForFieldName("left") ?? null));
  return results.size > 0 && descendants(scope, "call").some(
    (call) => NON_FINITE_GUARDS.includes(calleeMethod(call)) && mentions(call, results)
  );
}
function isBareStd(scope, divisor, name2) {
  if (isStdCall(divisor)) return true;
  if (!name2) return false;
  const values = assignedValues(scope, name2);
  return values !== void 0 && values.length > 0 && values.every((v) => isStdCall(stripParentheses(v)));
}
function divisions2(root) {
  const found = [];
  for (const node of descendants(root, "binary_operator", "augmented_assignment")) {
    const operator2 = node.childForFieldName("operator")?.type;
    if (operator2 !== "/" && operator2 !== "/=") continue;
    const right = node.childForFieldName("right");
    if (right) found.push({ division: node, divisor: right });
  }
  return found;
}
function pythonFix(file, division, divisor) {
  const inner = stripParentheses(divisor);
  const edit = inner.id !== divisor.id || division.type === "augmented_assignment" ? { start: inner.endIndex, end: inner.endIndex, text: ` + ${EPSILON}` } : { start: divisor.startIndex, end: divisor.endIndex, text: `(${divisor.text} + ${EPSILON})` };
  return editFix(file.source, FIX_DESCRIPTION, [edit]);
}
function checkPython26(file) {
  const reports = [];
  for (const { division, divisor } of divisions2(file.root)) {
    if (isInTestCode(division)) continue;
    const bare = stripParentheses(divisor);
    const scope = enclosingScope(division);
    const [name2] = targetNames(bare);
    if (!isBareStd(scope, bare, name2) || isGuarded(scope, bare, name2) || catchesNonFinite(scope, division)) continue;
    reports.push({ ...rangeOf(division), message: MESSAGE15, fix: pythonFix(file, division, divisor) });
  }
  return reports;
}
function checkTypeScript6(file) {
  const { Node: Node2, SyntaxKind } = file.morph;
  const reports = [];
  for (const division of file.sourceFile.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    const operator2 = division.getOperatorToken().getKind();
    if (operator2 !== SyntaxKind.SlashToken && operator2 !== SyntaxKind.SlashEqualsToken) continue;
    const divisor = division.getRight();
    const bare = Node2.isParenthesizedExpression(divisor) ? divisor.getExpression() : divisor;
    const scope = typeScriptStdScope(file, bare);
    if (!scope || isTypeScriptGuarded(file, scope, bare)) continue;
    const edit = bare !== divisor || operator2 === SyntaxKind.SlashEqualsToken ? { start: bare.getEnd(), end: bare.getEnd(), text: ` + ${EPSILON}` } : { start: divisor.getStart(), end: divisor.getEnd(), text: `(${divisor.getText()} + ${EPSILON})` };
    reports.push({ ...tsRangeOf(division), message: MESSAGE15, fix: editFix(file.source, FIX_DESCRIPTION, [edit]) });
  }
  return reports;
}
function typeScriptCallName(file, node) {
  const { Node: Node2 } = file.morph;
  if (!Node2.isCallExpression(node)) return void 0;
  const text = node.getExpression().getText();
  return text.slice(text.lastIndexOf(".") + 1);
}
function typeScriptStdScope(file, divisor) {
  const { Node: Node2, SyntaxKind } = file.morph;
  const scopes = [...divisor.getAncestors().filter((a) => Node2.isFunctionLikeDeclaration(a)), file.sourceFile];
  if (TYPESCRIPT_STD_CALLS.includes(typeScriptCallName(file, divisor) ?? "")) return scopes[0];
  if (!Node2.isIdentifier(divisor)) return void 0;
  const name2 = divisor.getText();
  for (const scope of scopes) {
    const declaration = scope.getDescendantsOfKind(SyntaxKind.VariableDeclaration).find((d) => d.getName() === name2);
    const initializer = declaration?.getInitializer();
    if (!initializer) continue;
    const isStd = TYPESCRIPT_STD_CALLS.includes(typeScriptCallName(file, initializer) ?? "") || initializer.getText().startsWith("Math.sqrt(") && TYPESCRIPT_STD_NAME.test(name2);
    const reassigned = scope.getDescendantsOfKind(SyntaxKind.BinaryExpression).some(
      (b) => b.getLeft().getText() === name2 && b.getOperatorToken().getText().endsWith("=")
    );
    return isStd && !reassigned ? scope : void 0;
  }
  return void 0;
}
function isTypeScriptGuarded(file, scope, divisor) {
  const { Node: Node2, SyntaxKind } = file.morph;
  const comparisons = /* @__PURE__ */ new Set([
    SyntaxKind.LessThanToken,
    SyntaxKind.LessThanEqualsToken,
    SyntaxKind.GreaterThanToken,
    SyntaxKind.GreaterThanEqualsToken,
    SyntaxKind.EqualsEqualsToken,
    SyntaxKind.EqualsEqualsEqualsToken,
    SyntaxKind.ExclamationEqualsToken,
    SyntaxKind.ExclamationEqualsEqualsToken
  ]);
  const text = divisor.getText();
  const mentionsDivisor = (node) => node.getText() === text || node.getDescendants().some((d) => d.getText() === text);
  return scope.getDescendants().some((node) => Node2.isBinaryExpression(node) && comparisons.has(node.getOperatorToken().getKind()) && mentionsDivisor(node) || Node2.isConditionalExpression(node) && mentionsDivisor(node.getCondition()) || (Node2.isIfStatement(node) || Node2.isWhileStatement(node)) && mentionsDivisor(node.getExpression()));
}
var stdWithoutEpsilon = {
  meta: {
    code: "RL106",
    name: "std-without-epsilon",
    severity: "warning",
    summary: "Rewards or advantages are divided by a standard deviation with no epsilon and no zero guard.",
    fix: "unsafe"
  },
  // Every finding divides by a call of PYTHON_STD_CALLS or TYPESCRIPT_STD_CALLS (TS: `std<number>(`, `std?.(`), or by
  // a name holding one or a TS `Math.sqrt(`.
  triggers: [/\b(?:nan)?std\s*[(<?]|\bp?stdev\s*\(|\b(?:stdDev|stddev|standardDeviation|sampleStandardDeviation)\b|Math\.sqrt\(/],
  python: checkPython26,
  typescript: checkTypeScript6
};

// src/analysis/rules/tempered-value-head.ts
var TEMPERATURE2 = /(?:^|[._])(?:\w*_)?temp(?:erature)?$/i;
var VALUE_WORDS = /* @__PURE__ */ new Set(["value", "values", "critic", "vpreds", "vpred", "reward", "rewards", "rm", "score", "scores"]);
var POLICY_WORDS = /* @__PURE__ */ new Set(["logprob", "logprobs", "logps", "log", "policy", "actor", "entropy", "sample", "sampling", "generate"]);
var MESSAGE16 = (text, owner) => `\`${text}\` divides by the sampling temperature in \`${owner}\`, which computes values or reward scores: the temperature belongs to the policy's softmax, and a value head or a reward model's output divided by it is just rescaled (a critic at T = 0.7 predicts returns 1.4 times too large, and its advantages with it). Divide only the policy's logits.`;
function valueOwner(node) {
  let owner;
  for (let p = node.parent; p; p = p.parent) {
    if (p.type !== "function_definition" && p.type !== "class_definition") continue;
    const words = nameWords(functionName(p));
    if (words.some((w) => POLICY_WORDS.has(w))) return void 0;
    if (!owner && words.some((w) => VALUE_WORDS.has(w))) owner = functionName(p);
  }
  return owner;
}
function checkPython27(file) {
  const reports = [];
  const divisionCalls = callsNamed(file.root, "div", "div_").flatMap((node) => {
    const divisor = positionalArguments(node)[0];
    return divisor ? [{ node, divisor }] : [];
  });
  for (const { node, divisor } of [...divisions(file.root), ...divisionCalls]) {
    if (!TEMPERATURE2.test(unparenthesized(divisor).text) || isInTestFunction(node)) continue;
    const owner = valueOwner(node);
    if (owner) reports.push({ ...rangeOf(node), message: MESSAGE16(node.text.length > 60 ? `... / ${divisor.text}` : node.text, owner) });
  }
  return reports.sort((a, b) => a.line - b.line || a.column - b.column);
}
var temperedValueHead = {
  meta: {
    code: "RL209",
    name: "tempered-value-head",
    severity: "warning",
    summary: "A critic's values or a reward model's scores are divided by the sampling temperature."
  },
  // Every finding divides (`/`, `/=`, `div(`, `div_(`) by a name ending in `temp` or `temperature`.
  triggers: [/(?:\/=?|\bdiv_?\s*\()\s*[\w.]*temp(?:erature)?\b/i],
  python: checkPython27
};

// src/analysis/rules/unmasked-after-shift.ts
var WHITEN_CALLS2 = ["masked_whiten"];
var WHITEN_MESSAGE = (name2, mask) => `\`${name2}\` is whitened with \`${mask}\` but not multiplied by it again: masked_whiten shifts every position, so the padding that was 0 becomes -mean/std. A consumer that aggregates with the same mask does not see it; one that does not (a metric, a sequence-level sum, a broadcast) trains or reports on padding. Multiply by the mask (\`masked_whiten(x, ${mask}) * ${mask}\`).`;
var BROADCAST_MESSAGE = (name2, rows) => `\`${name2}\` spreads per-token values computed under the mask of other rows (\`${rows}\`) to every row, and is not multiplied by each row's own mask: where a row's response is longer than its source row's, its tokens get the source's padding (zero advantages, lost signal); where shorter, its padding gets values. Multiply by the destination rows' response mask.`;
function remaskedLater(scope, name2, after) {
  const names = /* @__PURE__ */ new Set([name2]);
  return descendants(scope, "binary_operator", "augmented_assignment", "call").some((node) => {
    if (node.startIndex < after.endIndex) return false;
    if (node.type === "call") {
      const method = calleeMethod(node);
      return /mask|where/.test(method) && mentions(node, names) && /mask/i.test(node.childForFieldName("arguments")?.text ?? "");
    }
    const operator2 = operatorOf(node);
    if (operator2 !== "*" && operator2 !== "*=") return false;
    const [left, right] = [node.childForFieldName("left"), node.childForFieldName("right")];
    const factors = [unparenthesized(left), unparenthesized(right)];
    return factors.some((f) => mentions(f, names)) && factors.some((f) => isMaskName(subjectName(f)));
  });
}
function unmaskedWhitening(file) {
  const reports = [];
  for (const call of callsNamed(file.root, ...WHITEN_CALLS2)) {
    const mask = keywordArgument(call, "mask") ?? positionalArguments(call)[1];
    if (!mask || keywordArgument(call, "shift_mean")?.text === "False" || isInTestFunction(call)) continue;
    let parent = call.parent;
    while (parent?.type === "parenthesized_expression") parent = parent.parent;
    if (parent?.type === "binary_operator" && operatorOf(parent) === "*") continue;
    const [name2] = receivingNames(call);
    if (!name2 || remaskedLater(enclosingScope(call), name2, call)) continue;
    reports.push({ ...rangeOf(call), message: WHITEN_MESSAGE(name2, mask.text) });
  }
  return reports;
}
function broadcastRows(file) {
  const reports = [];
  for (const call of descendants(file.root, "call")) {
    const maskArgument = call.childForFieldName("arguments")?.namedChildren.find((arg) => arg?.type === "keyword_argument" && isMaskName(arg.childForFieldName("name")?.text));
    const rowsMask = maskArgument?.childForFieldName("value");
    const selection = rowsMask?.type === "subscript" ? rowsMask.childForFieldName("subscript") : void 0;
    if (!rowsMask || !selection || selection.type === "slice" || /^[-\d]/.test(selection.text) || isInTestFunction(call)) continue;
    const scope = enclosingScope(call);
    const sources2 = new Set(receivingNames(call));
    if (sources2.size === 0) continue;
    const derived = derivedNames(scope, sources2, { after: call });
    for (const assignment of descendants(scope, "assignment")) {
      const right = assignment.childForFieldName("right");
      const read = right && unparenthesized(right);
      if (!read || read.type !== "subscript" || assignment.startIndex < call.endIndex) continue;
      const index = read.childForFieldName("subscript");
      if (!index || index.type !== "identifier" || index.text === selection.text || !mentions(read.childForFieldName("value"), derived)) continue;
      const [target] = targetNames(assignment.childForFieldName("left"));
      if (!target || !nameWords(target).some((w) => ["advantages", "advantage", "returns", "adv", "values"].includes(w))) continue;
      if (remaskedLater(scope, target, assignment)) continue;
      reports.push({ ...rangeOf(assignment), message: BROADCAST_MESSAGE(target, rowsMask.text), severity: "warning" });
    }
  }
  return reports;
}
function checkPython28(file) {
  return [...unmaskedWhitening(file), ...broadcastRows(file)].sort((a, b) => a.line - b.line || a.column - b.column);
}
var unmaskedAfterShift = {
  meta: {
    code: "RL204",
    name: "unmasked-after-shift",
    severity: "info",
    summary: "A per-token signal is shifted (masked_whiten) or copied across rows and not multiplied by its response mask again."
  },
  // Every finding is a `masked_whiten(` call or a call given a row selection of a mask as a keyword, written as
  // PEP 8 writes keywords (`response_mask=data["response_mask"][rows]`, no spaces around `=`).
  triggers: [/masked_whiten\s*\(|mask\w*=(?!=)[\w.]+\[(?!\s*[-\d:])/],
  python: checkPython28
};

// src/analysis/rules/wrong-broadcast-axis.ts
var REDUCTIONS = /* @__PURE__ */ new Set(["mean", "sum", "std", "var", "masked_mean", "masked_sum", "masked_var", "amax", "amin", "logsumexp", "nanmean", "nansum"]);
var REDUCED_MESSAGE = (statistic, tensor, text) => `\`${statistic}\` is reduced over a dim without keepdim=True, then combined with \`${tensor}\` in \`${text}\`: broadcasting aligns the trailing axes, so a per-row statistic of a (batch, tokens) tensor lines up with the token axis, and each row is normalized with other rows' statistics (or it only runs when the sizes happen to agree). Reduce with keepdim=True (or unsqueeze the statistic) before combining.`;
var NOOP_MESSAGE = (text) => `\`${text}\` assigns a name to itself under a shape check: the reshape it stands for (\`.unsqueeze(1)\` for (B,) advantages against (B, T) log-probs) never happens, and the product broadcasts along the wrong axis.`;
function reducedWithoutKeepdim(assignment) {
  const left = assignment.childForFieldName("left");
  const right = assignment.childForFieldName("right");
  if (left?.type !== "identifier" || right?.type !== "call" || !REDUCTIONS.has(calleeMethod(right))) return void 0;
  const dim = keywordArgument(right, "dim") ?? keywordArgument(right, "axis");
  const keepdim = keywordArgument(right, "keepdim") ?? keywordArgument(right, "keepdims");
  if (!dim || /^0$/.test(dim.text) || keepdim && literalTruth(keepdim) !== false) return void 0;
  const callee = right.childForFieldName("function");
  const method = callee?.type === "attribute" ? callee.childForFieldName("object") : void 0;
  const tensor = method && !/^(?:torch|np|numpy|F|verl_F|jnp)$/.test(method.text) ? method : positionalArguments(right)[0];
  return tensor?.type === "identifier" ? { statistic: left.text, tensor: tensor.text } : void 0;
}
var FIRST_NAME = /[^\s:=]+/y;
function endsWithItsName(source, assignment) {
  FIRST_NAME.lastIndex = assignment.startIndex;
  const name2 = FIRST_NAME.exec(source)?.[0];
  const end = assignment.endIndex;
  return name2 !== void 0 && end - assignment.startIndex > name2.length && source.startsWith(name2, end - name2.length);
}
function checkPython29(file) {
  const reports = [];
  for (const call of callsNamed(file.root, ...REDUCTIONS)) {
    const assignment = call.parent;
    if (assignment?.type !== "assignment" || isInTestFunction(assignment)) continue;
    const reduced = reducedWithoutKeepdim(assignment);
    if (!reduced) continue;
    const scope = enclosingScope(assignment);
    const rebound = descendants(scope, "assignment", "augmented_assignment").find((a) => a.startIndex > assignment.endIndex && a.childForFieldName("left")?.text === reduced.statistic);
    const combined = descendants(scope, "binary_operator").find((op) => op.startIndex > assignment.endIndex && (!rebound || op.endIndex <= rebound.startIndex) && ["-", "/", "*"].includes(operatorOf(op) ?? "") && [op.childForFieldName("left"), op.childForFieldName("right")].map((n) => n && unparenthesized(n).text).sort().join() === [reduced.statistic, reduced.tensor].sort().join());
    if (combined) reports.push({ ...rangeOf(combined), message: REDUCED_MESSAGE(reduced.statistic, reduced.tensor, combined.text) });
  }
  for (const assignment of descendants(file.root, "assignment")) {
    if (!endsWithItsName(file.source, assignment) || isInTestFunction(assignment)) continue;
    const [left, right] = [assignment.childForFieldName("left"), assignment.childForFieldName("right")];
    if (left?.type !== "identifier" || right?.text !== left.text) continue;
    const guard = assignment.parent?.parent?.parent;
    const condition = guard?.type === "if_statement" ? guard.childForFieldName("condition") : void 0;
    if (condition && /\.(?:dim|ndim|ndimension)\b|\.shape\b/.test(condition.text)) reports.push({ ...rangeOf(assignment), message: NOOP_MESSAGE(assignment.text) });
  }
  return reports;
}
var wrongBroadcastAxis = {
  meta: {
    code: "RL211",
    name: "wrong-broadcast-axis",
    severity: "warning",
    summary: "A per-row statistic reduced without keepdim is combined with its tensor, or a shape fix assigns a name to itself."
  },
  // Every finding is a REDUCTIONS call with `dim=`/`axis=` and no keepdim on its line, assigned to a name (combined
  // later), or `x = x` on a line of its own (under a `.dim()`/`.ndim`/`.shape` check).
  triggers: [
    // Cheap and necessary: a `dim=`/`axis=` for the first case, the shape check's `.dim`/`.ndim`/`.shape` for the second.
    /\b(?:dim|axis)\s*=|\.(?:n?dim|ndimension|shape)\b/,
    /^[ \t]*\w+\s*=\s*[\w.]*\b(?:mean|sum|std|var|masked_mean|masked_sum|masked_var|amax|amin|logsumexp|nanmean|nansum)\s*\((?![^\n]*keepdim)[^\n]*\b(?:dim|axis)\s*=|^[ \t]*(\w+)\s*=\s*\1[ \t]*$/m
  ],
  python: checkPython29
};

// src/analysis/rules/index.ts
var RULES = [
  missingGenerationPrompt,
  rewardOnEmptyGroundTruth,
  recentWindowNormalization,
  rewardShift,
  droppedGenerationConfig,
  stdWithoutEpsilon,
  specialTokensStripped,
  promptRightTruncation,
  errorRolloutTrained,
  roleBasedLossMask,
  perMessageChatTemplate,
  eosOnlyStop,
  logprobsWithoutTemperature,
  logprobRecomputeMismatch,
  statisticOverPadding,
  unmaskedAfterShift,
  lossAggregationMismatch,
  staleLossNormalizer,
  klLossSign,
  shiftedValueMask,
  temperedValueHead,
  dynamicBatchAccumulation,
  wrongBroadcastAxis,
  eosMaskedById,
  specialTokensTwice,
  rewardLostInPlumbing,
  rewardSeesPrompt,
  advantageModeMismatch,
  growingListExtend
];
function ruleByCode(code) {
  return RULES.find((rule) => rule.meta.code === code);
}

// src/analysis/decode.ts
var UTF8_BOM = [239, 187, 191];
var STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
var SNIFF_BYTES = 8e3;
function decodeSource(bytes, language) {
  const utf16 = utf16Order(bytes);
  if (utf16) return { text: decodeUtf16(bytes.subarray(utf16.bom ? 2 : 0), utf16.littleEndian) };
  const body2 = UTF8_BOM.every((byte, i2) => bytes[i2] === byte) ? bytes.subarray(3) : bytes;
  try {
    return { text: STRICT_UTF8.decode(body2) };
  } catch {
  }
  if (language !== "python") return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(body2) };
  const declared = codingDeclaration(body2);
  const decoder = declared === void 0 ? void 0 : textDecoder(declared);
  if (decoder) return { text: decoder.decode(body2) };
  const why = declared === void 0 ? "no coding declaration" : `an unknown coding '${declared}'`;
  return { text: body2.toString("latin1"), note: `not valid UTF-8 and ${why}, so Python would not run it: analyzed as Latin-1` };
}
function utf16Order(bytes) {
  if (bytes[0] === 255 && bytes[1] === 254) return { littleEndian: true, bom: true };
  if (bytes[0] === 254 && bytes[1] === 255) return { littleEndian: false, bom: true };
  const units = Math.floor(Math.min(bytes.length, SNIFF_BYTES) / 2);
  if (bytes.subarray(0, 2 * units).indexOf(0) === -1) return void 0;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i2 = 0; i2 < units; i2++) {
    if (bytes[2 * i2] === 0) evenZeros++;
    if (bytes[2 * i2 + 1] === 0) oddZeros++;
  }
  const quiet = (zeros) => zeros <= units / 100;
  if (units >= 2 && oddZeros >= units / 2 && quiet(evenZeros)) return { littleEndian: true, bom: false };
  if (units >= 2 && evenZeros >= units / 2 && quiet(oddZeros)) return { littleEndian: false, bom: false };
  return void 0;
}
function decodeUtf16(bytes, littleEndian) {
  const even = bytes.subarray(0, bytes.length - bytes.length % 2);
  return new TextDecoder("utf-16le").decode(littleEndian ? even : Buffer.from(even).swap16());
}
var CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
function codingDeclaration(bytes) {
  const [first, second = ""] = bytes.subarray(0, 1024).toString("latin1").split(/\r\n?|\n/, 2);
  const declared = CODING.exec(first) ?? (/^[ \t\f]*(?:#.*)?$/.test(first) ? CODING.exec(second) : null);
  return declared?.[1].toLowerCase();
}
var LATIN_1 = /* @__PURE__ */ new Set(["latin-1", "latin1", "iso-8859-1", "iso8859-1", "iso-latin-1", "l1", "latin", "8859", "cp819"]);
function textDecoder(codec) {
  const name2 = codec.replace(/_/g, "-");
  if (LATIN_1.has(name2)) return { decode: (bytes) => bytes.toString("latin1") };
  for (const label of [codec, name2]) {
    try {
      return new TextDecoder(label);
    } catch {
    }
  }
  return void 0;
}

export {
  distFile,
  pythonParser,
  parsePython,
  firstSyntaxError,
  TEST_PATH,
  parseTypeScript,
  releaseTypeScript,
  typeScriptSyntaxErrors,
  RULES,
  ruleByCode,
  decodeSource
};
