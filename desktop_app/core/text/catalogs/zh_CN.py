"""The core's texts in Simplified Chinese (templates of core/text/messages.py's t())."""

from __future__ import annotations

CATALOG: dict[str, str] = {
    # network/status_errors.py: what a provider's error status means, and what to do
    "The key may be wrong or revoked": "密钥可能有误或已被吊销",
    "The key may lack access to {model}, or the account or region is blocked": (
        "密钥可能没有 {model} 的使用权限，或账号、地区被限制"
    ),
    "{name} rejected the API key ({said}). {access}: check the key in the"
    " environment variable {variable}, where {name}'s key comes from.": (
        "{name} 拒绝了 API 密钥（{said}）。{access}：请检查环境变量 {variable} 中的密钥，{name} 的密钥取自这里。"
    ),
    "{name} rejected the API key ({said}). {access}: check the key for {name} in"
    " Settings → Providers.": "{name} 拒绝了 API 密钥（{said}）。{access}：请在“设置 → 服务商”中检查 {name} 的密钥。",
    "{name} says the account is out of balance or credits ({said}). Top up the"
    " account with {name}, or pick a model from another provider.": (
        "{name} 提示账户余额或额度不足（{said}）。请给 {name} 的账户充值，或换用其他服务商的模型。"
    ),
    "{name} does not know the model {model!r} at {url} ({said}). Check the model"
    " name, and that the base URL is the API's root{hint}.": (
        "{name} 在 {url} 找不到模型 {model!r}（{said}）。请检查模型名称，以及 Base URL 是否为 API 的根地址{hint}。"
    ),
    " (often ending in /v1)": "（通常以 /v1 结尾）",
    " (the host alone, such as https://generativelanguage.googleapis.com)": (
        "（只写主机地址，例如 https://generativelanguage.googleapis.com）"
    ),
    " (the host alone, such as https://api.anthropic.com)": (
        "（只写主机地址，例如 https://api.anthropic.com）"
    ),
    "The conversation is too long for {model} on {name} ({said}). Start a new"
    " conversation, shorten it, or pick a model with a larger context window.": (
        "对话太长，超出了 {name} 上 {model} 的上下文长度（{said}）。请开始新对话、缩短对话，或换用上下文更大的模型。"
    ),
    "{name} does not serve your country or region ({said}). Use it through a relay"
    " that does, or set a proxy for it in Settings.": (
        "{name} 不向你所在的国家或地区提供服务（{said}）。请通过支持的中转服务使用，或在设置中为它配置代理。"
    ),
    "{name} is rate-limiting requests ({said}). Wait {wait:g} s and try again, or"
    " switch to another model.": "{name} 正在限制请求频率（{said}）。请等待 {wait:g} 秒后重试，或换一个模型。",
    "{name} is rate-limiting requests ({said}). Wait a moment and try again, or"
    " switch to another model.": "{name} 正在限制请求频率（{said}）。请稍等片刻后重试，或换一个模型。",
    "{name} is overloaded ({said}). Try again in a moment, or switch to another"
    " model.": "{name} 当前负载过高（{said}）。请稍后重试，或换一个模型。",
    "{name} is having trouble ({said}). Try again in a moment, or switch to another"
    " model.": "{name} 出现故障（{said}）。请稍后重试，或换一个模型。",
    "{name} rejected the request ({said}). Check the model name and its parameters"
    " (temperature, max tokens) for this provider.": (
        "{name} 拒绝了请求（{said}）。请检查模型名称及其参数（temperature、最大 tokens）是否适用于这个服务商。"
    ),
    "The connection to {name} dropped in the middle of the answer. The part"
    " received is kept; try again.": "与 {name} 的连接在回答途中断开。已收到的部分已保留，请重试。",
    "Could not connect to {name} at {where} within {seconds:g} s. Check your"
    " network connection, proxy settings and the base URL.": (
        "在 {seconds:g} 秒内无法连接到 {name}（{where}）。请检查网络连接、代理设置和 Base URL。"
    ),
    # money: amounts, totals and budgets as the window shows them
    "price unknown": "价格未知",
    "free": "免费",
    " + {count:,} unpriced": " + {count:,} 个价格未知",
    "raise the budget in Settings, or send this one message anyway": "在设置中提高预算，或仅这一条消息照常发送",
    "The monthly budget of {limit} is used up ({spent} spent). Sending is paused:"
    " {remedy}.": "本月预算 {limit} 已用完（已花费 {spent}）。发送已暂停：{remedy}。",
    "The daily budget of {limit} is used up ({spent} spent). Sending is paused:"
    " {remedy}.": "今日预算 {limit} 已用完（已花费 {spent}）。发送已暂停：{remedy}。",
    "{percent} % of the monthly budget used ({spent} of {limit}).": "本月预算已用 {percent}%（{spent} / {limit}）。",
    "{percent} % of the daily budget used ({spent} of {limit}).": "今日预算已用 {percent}%（{spent} / {limit}）。",
    # text/rendering.py: the link above a code block
    "Copy": "复制",
    # network/http_errors.py: connections
    "The secure connection to {name} at {where} failed ({reason}). If you are"
    " behind a corporate proxy, it may need its CA certificate installed; also check"
    " that the base URL's scheme (http or https) is right.": "与 {name}（{where}）的安全连接失败（{reason}）。如果你在公司代理之后，可能需要安装它的 CA 证书；另请检查 Base URL 的协议（http 或 https）是否正确。",
    "The host name of {name} ({where}) could not be resolved. Check the base URL and"
    " your internet connection.": "无法解析 {name} 的主机名（{where}）。请检查 Base URL 和网络连接。",
    "The proxy failed while connecting to {name} ({reason}). Check the proxy"
    " settings (HTTPS_PROXY, ALL_PROXY).": "通过代理连接 {name} 时代理出错（{reason}）。请检查代理设置（HTTPS_PROXY、ALL_PROXY）。",
    "Could not connect to {name} at {where} ({reason}). Check that the server is"
    " running and the base URL is right, and your network connection.": "无法连接到 {name}（{where}）（{reason}）。请确认服务器正在运行、Base URL 正确，并检查网络连接。",
    "{name} closed the connection before answering ({reason}). Try again.": "{name} 在回答之前关闭了连接（{reason}）。请重试。",
    "{name} ended the answer without sending any of it (an empty event stream). Try"
    " again; if it keeps happening, the base URL may point at something else.": "{name} 结束了回答，却没有发送任何内容（空的事件流）。请重试；如果一直这样，Base URL 可能指向了别的服务。",
    "{name} closed the stream before the answer was complete (it never said the answer"
    " had ended). The part received is kept; try again.": "{name} 在回答完成之前关闭了数据流（它没有表明回答已结束）。已收到的部分已保留，请重试。",
    # settings/keys.py: keys
    "No API key for {name}: add it in Settings (stored in the OS keyring) or set"
    " the variable {variable}.": "{name} 没有 API 密钥：请在设置中添加（保存在系统密钥环中），或设置环境变量 {variable}。",
    "No API key for {name}: add it in Settings (stored in the OS keyring).": "{name} 没有 API 密钥：请在设置中添加（保存在系统密钥环中）。",
    "The OS keyring is not available ({why}). Keys are never written to disk: start a"
    " Secret Service (such as gnome-keyring) or set the provider's api_key_env"
    " variable.": "系统密钥环不可用（{why}）。密钥从不写入磁盘：请启动一个 Secret Service（例如 gnome-keyring），或设置该服务商的 api_key_env 环境变量。",
    # history/failures.py: the history's own troubles
    "The history {path} is damaged ({detail}). Tally has not changed it; restore a"
    " backup with `tally backup --restore`, or open the app to restore one or start a"
    " fresh history with the damaged file kept aside.": "历史记录 {path} 已损坏（{detail}）。Tally 没有改动它；可以用 `tally backup --restore` 恢复备份，或打开应用恢复一个备份，或新建历史记录（损坏的文件会保留在旁边）。",
    "The disk holding the history ({folder}) is full: what was written before is kept,"
    " the rest is not saved yet. Free some space; Tally saves it with the next write.": "存放历史记录的磁盘（{folder}）已满：之前写入的内容都在，其余的还没有保存。请腾出一些空间，Tally 会在下次写入时保存。",
    "The history {path} is busy: an import is writing to it. What is not saved yet is"
    " kept, and saved once the import is done.": "历史记录 {path} 正忙：导入正在写入。尚未保存的内容都会保留，导入完成后再保存。",
    "Tally cannot use the history {path} ({detail}): make sure the file and its folder"
    " belong to you and can be read and written.": "Tally 无法使用历史记录 {path}（{detail}）：请确认该文件及其所在文件夹属于你，并且可以读写。",
    # money: where a price comes from
    "your price in the settings": "你在设置中填写的价格",
    "{name}'s price list": "{name} 的价目表",
    "a model server on this computer": "本机上的模型服务器",
    "genai-prices {version} ({provider} {model})": "genai-prices {version}（{provider} {model}）",
    # transfer/import_tally.py: an attached file of an export that does not check out
    "the data of {name!r} is not base64": "{name!r} 的数据不是 base64 编码",
    "the data of {name!r} does not match its sha256: the file was changed or"
    " damaged after it was exported": "{name!r} 的数据与其 sha256 不符：文件在导出后被改动或已损坏",
    "{name!r} is {size} bytes long, not {said}": "{name!r} 的长度是 {size} 字节，而不是 {said}",
    # settings/assistants.py, parameters.py, history/conversation_parameters.py: assistants
    "the assistant must be an object of its settings": "assistant 必须是一个包含其设置的对象",
    "the assistant's name must be text or null": "assistant 的名称必须是文本或 null",
    "{name} must be a whole number, 1 or more": "{name} 必须是大于等于 1 的整数",
    "system must be text": "system 必须是文本",
    "{name} must be a number from 0 to {top}": "{name} 必须是 0 到 {top} 之间的数",
    "{name} (copy)": "{name}（副本）",
    "{name} (copy {number})": "{name}（副本 {number}）",
    "an assistant needs a name": "助手需要一个名称",
    "a name has no spaces around it and no line break": "名称的首尾不能有空格，也不能换行",
    "{name} must be text": "{name} 必须是文本",
    "the name {name} is Tally's own (plain chat)": "名称 {name} 为 Tally 保留（普通对话）",
    "the name {name} is used twice": "名称 {name} 被使用了两次",
    "{source} cannot be read: {problem}.": "无法读取 {source}：{problem}。",
    "{source}: write each assistant as an [[assistant]] table.": "{source}：每个助手都应写成一个 [[assistant]] 表。",
    "{source}: expected a list of assistants, or Tally's export of them.": "{source}：应为助手列表，或 Tally 导出的助手文件。",
    "an assistant must be a table of settings": "助手必须是一个设置表",
    "Cannot read {path}: {reason}.": "无法读取 {path}：{reason}。",
    "Cannot write {path}: {reason}.": "无法写入 {path}：{reason}。",
    "{source}, line {line} (assistant {number}): {problem}.": "{source}，第 {line} 行（第 {number} 个助手）：{problem}。",
    "{source}, assistant {number}: {problem}.": "{source}，第 {number} 个助手：{problem}。",
    "unknown setting {key}": "未知的设置 {key}",
    # attachments: reading files, their limits, models that take no images
    "Tally cannot read {name} ({reason}).": "Tally 无法读取 {name}（{reason}）。",
    "Tally cannot send {name}: attach images (PNG, JPEG, WebP, GIF), text or code files, PDFs or Word (DOCX) documents.": "Tally 无法发送 {name}：可以附加图片（PNG、JPEG、WebP、GIF）、文本或代码文件、PDF 或 Word（DOCX）文档。",
    "The files of this message ({names}) come to {size} MB together; one message can carry {limit} MB. Send some of them with another message.": "这条消息的文件（{names}）合计 {size} MB；一条消息最多可带 {limit} MB。请把其中一些放到另一条消息里发送。",
    "not a PDF file": "不是 PDF 文件",
    "{name} has no text Tally can take out (it may be scanned pages). Send it as a document instead, to a model that reads PDFs (Claude, Gemini).": "{name} 里没有 Tally 能提取的文字（可能是扫描页）。请改为以文档形式发送给能读取 PDF 的模型（Claude、Gemini）。",
    "not valid UTF-16 text": "不是有效的 UTF-16 文本",
    "{name} is {size} MB; a file can be at most {limit} MB.": "{name} 有 {size} MB；单个文件最多 {limit} MB。",
    "{name} cannot be read as its type says ({reason}).": "{name} 无法按其文件类型读取（{reason}）。",
    "{model} takes no images, so {names} cannot go with this message. Pick a model that does, such as {takers}, or remove the images.": "{model} 不支持图片输入，{names} 无法随这条消息发送。请换用支持图片的模型（例如 {takers}），或移除图片。",
    "{model} takes no images, so {names} cannot go with this message. Pick a model that takes images, or remove them.": "{model} 不支持图片输入，{names} 无法随这条消息发送。请换用支持图片的模型，或移除图片。",
    "{model} on {name} takes no images ({said}). Pick a model that takes images, or send the message without them.": "{name} 上的 {model} 不支持图片输入（{said}）。请换用支持图片的模型，或不带图片发送这条消息。",
    # settings/presets.py: the names of the presets the settings offer
    "HolySheep relay": "HolySheep 中转站",
    "Gemini (OpenAI-compatible)": "Gemini（OpenAI 兼容）",
    "Ollama (local)": "Ollama（本地）",
    "LM Studio (local)": "LM Studio（本地）",
    "Custom": "自定义",
    # settings/providers_file.py and app_settings.py: a hand-edited file that cannot be read
    "Cannot read {path}: {error}": "无法读取 {path}：{error}",
    "{source}: {error}. Fix the file or remove it to start over.": "{source}：{error}。请修正该文件，或删除它重新开始。",
    "{source}: unknown top-level setting {names}; only [[provider]] tables.": "{source}：未知的顶层设置 {names}；这里只能写 [[provider]] 表。",
    "{source}: write providers as [[provider]] tables, not [provider].": "{source}：服务商要写成 [[provider]] 表，而不是 [provider]。",
    "{source}, line {line} (provider #{number})": "{source}，第 {line} 行（第 {number} 个服务商）",
    "{where}: {problem}.": "{where}：{problem}。",
    "a provider must be a table of settings": "服务商必须是一个设置表",
    "unknown setting {key!r}": "未知的设置 {key!r}",
    "id may hold only letters, digits, '.', '_' and '-'": "id 只能包含字母、数字、'.'、'_' 和 '-'",
    "kind must be one of {kinds}, not {kind!r}": "kind 必须是 {kinds} 之一，而不是 {kind!r}",
    "base_url must start with http:// or https://": "base_url 必须以 http:// 或 https:// 开头",
    "api_key_env must be the name of a variable": "api_key_env 必须是一个环境变量的名称",
    "simulated must be true or false": "simulated 必须是 true 或 false",
    'models must be a list of names, like ["gpt-4.1"]': 'models 必须是名称列表，例如 ["gpt-4.1"]',
    "thinking_budget must be a whole number of tokens": "thinking_budget 必须是整数个 tokens",
    "proxy must be a URL starting with {schemes}": "proxy 必须是以 {schemes} 开头的 URL",
    "leave the proxy's password out of the file: the settings keep it in the keyring": "不要把代理密码写进文件：设置会把它保存在密钥环中",
    "{key!r} must be a non-empty string": "{key!r} 必须是非空字符串",
    "the setting {key!r} is missing": "缺少设置 {key!r}",
    'write prices as [provider.prices."MODEL"] tables': '价格要写成 [provider.prices."MODEL"] 表',
    "{key} of {model!r} must be a number (USD per million tokens)": "{model!r} 的 {key} 必须是数字（美元 / 百万 tokens）",
    "{key} of {model!r} must be a number, not {raw!r}": "{model!r} 的 {key} 必须是数字，而不是 {raw!r}",
    "{key} of {model!r} must be zero or more": "{model!r} 的 {key} 不能小于零",
    "write timeouts as a [provider.timeouts] table": "超时要写成 [provider.timeouts] 表",
    "the id {id!r} is used twice": "id {id!r} 重复使用",
    "the prices of {model!r} may set only {keys}": "{model!r} 的价格只能设置 {keys}",
    "the prices of {model!r} need both input and output": "{model!r} 的价格需要同时写 input 和 output",
    "unknown timeout {key!r} (connect, first_byte, idle, total)": "未知的超时 {key!r}（可用 connect、first_byte、idle、total）",
    "timeout {key} must be a number of seconds above zero": "超时 {key} 必须是大于零的秒数",
    "the top level": "顶层",
    "{source}: [general] language must be one of {choices}, not {language!r}.": "{source}：[general] 的 language 必须是 {choices} 之一，而不是 {language!r}。",
    '{source}: [money] currency must be "USD" or "CNY", not {code!r}.': '{source}：[money] 的 currency 必须是 "USD" 或 "CNY"，而不是 {code!r}。',
    "{source}: write [{key}] as a table of settings.": "{source}：[{key}] 要写成设置表。",
    "{source}: unknown setting {key!r} in {where}.": "{source}：{where} 中有未知的设置 {key!r}。",
    "{source}: {key} must be a number, not {raw!r}.": "{source}：{key} 必须是数字，而不是 {raw!r}。",
    "{source}: {key} must be a positive number, not {raw!r}.": "{source}：{key} 必须是正数，而不是 {raw!r}。",
    "Cannot save the settings to {path}: {error}.": "无法把设置保存到 {path}：{error}。",
    # transfer/import*.py: a file to import that cannot be read
    "the file": "该文件",
    "Cannot read {path}: {error}.": "无法读取 {path}：{error}。",
    "{path} is not a UTF-8 text file, so not a JSON export.": "{path} 不是 UTF-8 文本文件，因此不是 JSON 导出文件。",
    "{path} is not JSON: {error}.": "{path} 不是 JSON：{error}。",
    "{path} nests its JSON too deeply to be an export.": "{path} 的 JSON 嵌套太深，不可能是导出文件。",
    "{source}: {problem}": "{source}：{problem}",
    'neither a Tally export (an object with "format": "tally-export") nor a ChatGPT'
    " conversations.json (a list of conversations)": (
        '既不是 Tally 导出文件（含 "format": "tally-export" 的对象），也不是 ChatGPT 的 conversations.json（对话列表）'
    ),
    "The disk holding the history ({folder}) is full: nothing was imported, the"
    " history is as it was. Free some space and import the file again.": (
        "存放历史记录的磁盘（{folder}）已满：没有导入任何内容，历史记录保持原样。请腾出一些空间后重新导入该文件。"
    ),
    "The conversation {title!r} holds text that is not valid Unicode ({reason}, such"
    " as a lone surrogate \\ud800), which the history cannot store. Nothing was"
    " imported.": (
        "对话 {title!r} 含有无效的 Unicode 文本（{reason}，例如单独的代理字符 \\ud800），历史记录无法保存。没有导入任何内容。"
    ),
    "{where}: {problem}": "{where}：{problem}",
    "a string": "一个字符串",
    "an object": "一个对象",
    "a list": "一个列表",
    "{key!r} is missing": "缺少 {key!r}",
    "must be an object, not {value}": "必须是对象，而不是 {value}",
    "{key!r} must be a list, not {value}": "{key!r} 必须是列表，而不是 {value}",
    "{key!r} must be a string, not {value}": "{key!r} 必须是字符串，而不是 {value}",
    "{key!r} must be a string or null, not {value}": "{key!r} 必须是字符串或 null，而不是 {value}",
    "{first} or {last}": "{first} 或 {last}",
    "'format' must be {format!r}, not {value}": "'format' 必须是 {format!r}，而不是 {value}",
    "'version' must be a whole number, not {value}": "'version' 必须是整数，而不是 {value}",
    "written by a newer Tally (export version {version}); update Tally to read it": "由更新版本的 Tally 导出（导出版本 {version}）；请更新 Tally 后再读取",
    "'version' must be {expected}, not {version}": "'version' 必须是 {expected}，而不是 {version}",
    "id {id!r} is also conversations[{first}]'s": "id {id!r} 与 conversations[{first}] 的 id 重复",
    "'id' must not be empty": "'id' 不能为空",
    "'parent_id' {parent} names no message before it": "'parent_id' {parent} 指向的消息不在它之前",
    "'id' must be a string, not {value}": "'id' 必须是字符串，而不是 {value}",
    "{key!r} must be {names}, not {value}": "{key!r} 必须是 {names}，而不是 {value}",
    "{key!r} must be an ISO-8601 time, not {value}": "{key!r} 必须是 ISO-8601 时间，而不是 {value}",
    "{key!r} must be true or false, not {value}": "{key!r} 必须是 true 或 false，而不是 {value}",
    "{key!r} must be a whole number of tokens, not {value}": "{key!r} 必须是整数个 tokens，而不是 {value}",
    "{key!r} must be a number of seconds or null, not {value}": "{key!r} 必须是秒数或 null，而不是 {value}",
    "'cost_usd' must be a number of dollars or null, not {value}": "'cost_usd' 必须是美元金额或 null，而不是 {value}",
    "the same conversation as conversations[{first}]": "与 conversations[{first}] 是同一个对话",
    "needs a string 'conversation_id' or 'id'": "需要字符串类型的 'conversation_id' 或 'id'",
    "'current_node' must be a node id, not {value}": "'current_node' 必须是节点 id，而不是 {value}",
    "node {node} is not in the mapping": "节点 {node} 不在 mapping 中",
    "the parents of node {node!r} go round in a circle": "节点 {node!r} 的上级节点形成了循环",
    "'role' must be a string, not {value}": "'role' 必须是字符串，而不是 {value}",
    "{key!r} must be seconds since 1970 or null, not {value}": "{key!r} 必须是自 1970 年起的秒数或 null，而不是 {value}",
    "{key!r} is not a plausible time: {value}": "{key!r} 不是合理的时间：{value}",
    # history/backups.py: backups the history dialog lists and restores
    "There are no backups of the history in {folder} yet.": "{folder} 中还没有历史记录的备份。",
    "No backup is called {name!r}; there are: {listed}.": "没有名为 {name!r} 的备份；现有备份：{listed}。",
    "More than one backup is called {name!r}; there are: {listed}.": "名称以 {name!r} 开头的备份不止一个；现有备份：{listed}。",
    "The history is open in Tally (the app, or a `tally` command still running):"
    " close it, then restore.": "历史记录正在 Tally 中打开（应用，或仍在运行的 `tally` 命令）：请先关闭，再恢复。",
    "the disk is full": "磁盘已满",
    "Tally cannot write a backup in {where} ({reason}).": "Tally 无法在 {where} 写入备份（{reason}）。",
    "The backup {copy} of {history} is damaged too ({finding}); pick another with"
    " `tally backup --list`.": "{history} 的备份 {copy} 也已损坏（{finding}）；请用 `tally backup --list` 另选一个。",
    # routing/: rules, why each matched or not, the rules file
    "min_tokens {limit:,}: the question has ≈{tokens:,}": "min_tokens {limit:,}：这个问题约有 {tokens:,} 个 token",
    "max_tokens {limit:,}: the question has ≈{tokens:,}": "max_tokens {limit:,}：这个问题约有 {tokens:,} 个 token",
    "assistant = {wanted}: asked as {asked}": "assistant = {wanted}：以 {asked} 的身份提问",
    "assistant = {wanted}: asked with no assistant": "assistant = {wanted}：未使用助手",
    "has_image = {wanted}: an image is attached": "has_image = {wanted}：附有图片",
    "has_image = {wanted}: no image is attached": "has_image = {wanted}：未附图片",
    "has_code = {wanted}: the prompt holds code": "has_code = {wanted}：提示词中含有代码",
    "has_code = {wanted}: the prompt holds no code": "has_code = {wanted}：提示词中没有代码",
    "matches {pattern}: found {found!r}": "matches {pattern}：找到了 {found!r}",
    "matches {pattern}: not in the prompt": "matches {pattern}：提示词中没有",
    "language = {wanted}: the prompt has no words to tell": "language = {wanted}：提示词中没有可判断语言的文字",
    "language = {wanted}: the prompt is {percent}% Chinese, so {found}": "language = {wanted}：提示词中文占 {percent}%，判定为 {found}",
    "none": "无",
    "The routing rules pick {choice}, but providers.toml has no provider with the id {provider!r} (there are: {known}): change the rule or add the provider.": "路由规则选择了 {choice}，但 providers.toml 中没有 id 为 {provider!r} 的服务商（现有：{known}）：请修改规则或添加该服务商。",
    "The routing rules pick {choice}, but {name} does not list the model {model!r} in providers.toml: add it to the provider's models or change the rule.": "路由规则选择了 {choice}，但 providers.toml 中 {name} 的模型列表里没有 {model!r}：请把它加入该服务商的 models，或修改规则。",
    "no conditions: it matches every question": "没有条件：匹配所有问题",
    "{text!r} is not a model: write it as provider/model": "{text!r} 不是模型：请写成 服务商/模型",
    "min_tokens is more than max_tokens: no question can match": "min_tokens 大于 max_tokens：没有问题能匹配",
    'language must be "zh" or "en", not {value!r}': 'language 必须是 "zh" 或 "en"，而不是 {value!r}',
    "the ladder names a model twice": "阶梯中同一个模型出现了两次",
    "{key} must be a whole number of tokens": "{key} 必须是整数个 token",
    "{key} must be true or false": "{key} 必须是 true 或 false",
    "the rule name {name!r} is used twice": "规则名称 {name!r} 用了两次",
    "matches is not a regular expression: {error}": "matches 不是有效的正则表达式：{error}",
    "ladder": "阶梯",
    "{source}, line {line} ({what})": "{source}，第 {line} 行（{what}）",
    "{source}: unknown top-level setting {names}; only [[rule]] tables and [ladder].": "{source}：未知的顶层设置 {names}；只能有 [[rule]] 表和 [ladder]。",
    "{source}: write rules as [[rule]] tables, not [rule].": "{source}：规则要写成 [[rule]] 表，而不是 [rule]。",
    "rule #{number}": "第 {number} 条规则",
    "a rule must be a table of settings": "规则必须是一个设置表",
    "the ladder must be a table: [ladder] models = [...]": "阶梯必须是一个表：[ladder] models = [...]",
    'models must be a list like ["holysheep/deepseek-chat", "holysheep/gpt-4.1"]': 'models 必须是列表，例如 ["holysheep/deepseek-chat", "holysheep/gpt-4.1"]',
    "Cannot write {path}: {error}": "无法写入 {path}：{error}",
    "'escalated_from' {id} names no message before it": "'escalated_from' {id} 指向的消息不在它之前",
    # providers/model_list.py: a model list that cannot be had
    "{name} answered {url} with JSON that is not a model list. Check the base URL, or type the model names instead.": "{name} 在 {url} 返回的 JSON 不是模型列表。请检查基础 URL，或直接输入模型名称。",
    "The base URL {url} is not a valid address.": "基础 URL {url} 不是有效的地址。",
    "{name} did not send its model list within {seconds} s. It may be overloaded, or the base URL may point at something that is not the API.": "{name} 在 {seconds} 秒内没有发来模型列表。服务可能过载，或者基础 URL 指向的不是 API。",
    "{name} has no model list at {url} (404). Check that the base URL is the API's root ({hint}); if it is right, type the model names instead.": "{name} 在 {url} 没有模型列表（404）。请检查基础 URL 是否为 API 的根地址（{hint}）；如果没错，请直接输入模型名称。",
    "{name} rejected the API key ({status}: API key not valid). Check the key for {name} in Settings → Providers.": "{name} 拒绝了 API 密钥（{status}：API 密钥无效）。请在 设置 → 服务商 中检查 {name} 的密钥。",
    "{name}'s model list is larger than {size} MiB; the base URL probably points at something that is not the API.": "{name} 的模型列表超过 {size} MiB；基础 URL 指向的可能不是 API。",
    "{name} sent a model list that could not be decoded ({reason}).": "{name} 发来的模型列表无法解码（{reason}）。",
    # money/prices.py: a price per million tokens, and a long prompt's dearer one
    "{pair} per M": "{pair} / 百万 token",
    "{pair} above {tokens} input tokens": "输入超过 {tokens} token 时 {pair}",
    # network, keys, history, export: the rest of the window's messages from the core
    "set in Settings": "在设置中设定",
    "from the system's proxy settings": "来自系统的代理设置",
    "from the {variable} variable": "来自 {variable} 环境变量",
    "The proxy {proxy} ({source}) is a {scheme}:// proxy, which Tally cannot use: use an http://, https:// or socks5:// proxy, or set one for this provider in Settings → Network.": "代理 {proxy}（{source}）是 {scheme}:// 代理，Tally 无法使用：请使用 http://、https:// 或 socks5:// 代理，或在 设置 → 网络 中为此服务商单独设置。",
    "The certificates named by SSL_CERT_FILE or SSL_CERT_DIR cannot be used ({reason}). Fix the variable, or remove it to use the usual ones.": "SSL_CERT_FILE 或 SSL_CERT_DIR 指定的证书无法使用（{reason}）。请修正该变量，或删除它以使用默认证书。",
    "The CA bundle {bundle} cannot be used ({reason}). Choose a file of PEM certificates (-----BEGIN CERTIFICATE-----) in Settings → Network.": "CA 证书包 {bundle} 无法使用（{reason}）。请在 设置 → 网络 中选择一个 PEM 证书文件（-----BEGIN CERTIFICATE-----）。",
    "The API key contains a space, a line break or a character that keys never have. Paste it again, exactly as the provider shows it.": "API 密钥中含有空格、换行或密钥中不会出现的字符。请按服务商显示的原样重新粘贴。",
    "The history database was upgraded by a newer version of Tally (steps {steps}): update Tally to open it.": "历史数据库已被更新版本的 Tally 升级（步骤 {steps}）：请更新 Tally 后再打开。",
    "The history database was upgraded by a newer version of Tally: update Tally to open it.": "历史数据库已被更新版本的 Tally 升级：请更新 Tally 后再打开。",
    "No conversation with id {id!r} in the history.": "历史记录中没有 ID 为 {id!r} 的对话。",
    "More than one conversation has an id starting with {given!r} ({first}, {second}, …): give more of it.": "有不止一个对话的 ID 以 {given!r} 开头（{first}、{second}…）：请多输入几位。",
}
