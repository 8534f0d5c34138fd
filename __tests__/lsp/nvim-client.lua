-- Drives Neovim's built-in LSP client (headless) against `rl-review lsp`, for __tests__/lsp/lsp.e2e.test.ts.
-- Reads RL_REVIEW_CMD (the server command, JSON), RL_REVIEW_ROOT and RL_REVIEW_FILE; writes what it saw, step by
-- step, as JSON to RL_REVIEW_OUT, then quits. Nothing here asserts: the test does.
local cmd = vim.fn.json_decode(os.getenv('RL_REVIEW_CMD'))
local root = os.getenv('RL_REVIEW_ROOT')
local file = os.getenv('RL_REVIEW_FILE')
local transcript = { steps = {} }

local function record(name, value)
  table.insert(transcript.steps, { name = name, value = value })
end

local function diagnostics()
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(seen, {
      line = d.lnum, col = d.col, end_line = d.end_lnum, end_col = d.end_col, severity = d.severity,
      code = d.code or lsp.code, source = d.source, message = d.message,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
    })
  end
  table.sort(seen, function(a, b) return a.line < b.line end)
  return seen
end

local function wait_for(name, condition)
  if not vim.wait(30000, condition, 20) then error('timed out waiting for ' .. name .. ': ' .. vim.fn.json_encode(diagnostics())) end
end

-- The code actions the server offers on line `line` (0-based) for the diagnostics there.
local function code_actions(client_id, line)
  local on_line = {}
  for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(0, line)) do table.insert(on_line, d) end
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(0),
    range = { start = { line = line, character = 0 }, ['end'] = { line = line, character = 0 } },
    context = { diagnostics = on_line },
  }
  local responses = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 30000)
  return (responses[client_id] or {}).result or {}
end

local function apply(actions, prefix)
  for _, action in ipairs(actions) do
    if action.title:sub(1, #prefix) == prefix then
      vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
      return action.title
    end
  end
  error('no code action starting with ' .. prefix)
end

local ok, failure = pcall(function()
  local client_id = vim.lsp.start_client({ name = 'rl-review', cmd = cmd, root_dir = root })
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  vim.lsp.buf_attach_client(0, client_id)

  wait_for('the diagnostics of the opened file', function() return #vim.diagnostic.get(0) == 2 end)
  local opened = diagnostics()
  record('opened', opened)

  local function titles(actions)
    local seen = {}
    for _, action in ipairs(actions) do table.insert(seen, { title = action.title, preferred = action.isPreferred or false }) end
    return seen
  end
  local actions = code_actions(client_id, opened[1].line)
  record('actions', titles(actions))

  -- The quick fix edits the buffer without saving it: the next diagnostics come from the unsaved text.
  record('applied', apply(actions, 'Fix RL101'))
  wait_for('RL101 to go', function() return #vim.diagnostic.get(0) == 1 end)
  record('after fix', { diagnostics = diagnostics(), line = vim.api.nvim_buf_get_lines(0, opened[1].line, opened[1].line + 1, true)[1] })

  local left = diagnostics()[1]
  local more = code_actions(client_id, left.line)
  record('actions', titles(more))
  record('applied', apply(more, 'Ignore ' .. left.code))
  wait_for('the ignored finding to go', function() return #vim.diagnostic.get(0) == 0 end)
  record('after ignore', vim.api.nvim_buf_get_lines(0, 0, -1, true))
  record('modified', vim.bo.modified)
end)
if not ok then transcript.error = tostring(failure) end

local out = io.open(os.getenv('RL_REVIEW_OUT'), 'w')
out:write(vim.fn.json_encode(transcript))
out:close()
vim.cmd('qa!')
