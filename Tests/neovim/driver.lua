-- Drives a headless Neovim for NeovimTests.swift, after the README's
-- configuration (loaded with -u) started cxlint: opens the script, waits
-- for the diagnostics Neovim received, edits the config in its buffer
-- (never on disk) and waits for the script's finding to go. Writes what it
-- saw as JSON to $CXLINT_NVIM_OUT, and always quits.
local script = os.getenv("CXLINT_NVIM_SCRIPT")
local config = os.getenv("CXLINT_NVIM_CONFIG")
local rule = os.getenv("CXLINT_NVIM_RULE")
local result = {}

-- Neovim 0.8+ copies the LSP code into `code`; 0.7 keeps it under user_data.
local function diagnostics(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(list, { code = code, lnum = d.lnum, col = d.col, message = d.message, source = d.source })
  end
  return list
end

local function has(buf, code)
  for _, d in ipairs(diagnostics(buf)) do
    if d.code == code then return true end
  end
  return false
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(script))
  local script_buf = vim.api.nvim_get_current_buf()
  result.arrived = vim.wait(30000, function() return has(script_buf, rule) end, 50)
  result.before = diagnostics(script_buf)

  -- The config in a split, so the script's buffer stays loaded.
  vim.cmd("split " .. vim.fn.fnameescape(config))
  local config_buf = vim.api.nvim_get_current_buf()
  result.attached = #vim.lsp.buf_get_clients(config_buf)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(config_buf, 0, -1, false)) do
    local first, last = line:find("X-ContactID", 1, true)
    if first then
      vim.api.nvim_buf_set_text(config_buf, i - 1, first - 1, i - 1, last, { "X-Contact-ID" })
      result.edited_line = i
      break
    end
  end
  result.gone = vim.wait(30000, function() return not has(script_buf, rule) end, 50)
  result.after = diagnostics(script_buf)
  result.modified = vim.api.nvim_buf_get_option(config_buf, "modified")
end)
result.error = not ok and tostring(err) or nil
local file = io.open(os.getenv("CXLINT_NVIM_OUT"), "w")
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd("qa!")
