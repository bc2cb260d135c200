"""The core's texts in Traditional Chinese (templates of core/text/messages.py's t())."""

from __future__ import annotations

CATALOG: dict[str, str] = {
    # network/status_errors.py: what a provider's error status means, and what to do
    "The key may be wrong or revoked": "金鑰可能有誤或已被撤銷",
    "The key may lack access to {model}, or the account or region is blocked": (
        "金鑰可能沒有 {model} 的使用權限，或帳號、地區受到限制"
    ),
    "{name} rejected the API key ({said}). {access}: check the key in the"
    " environment variable {variable}, where {name}'s key comes from.": (
        "{name} 拒絕了 API 金鑰（{said}）。{access}：請檢查環境變數 {variable} 中的金鑰，{name} 的金鑰取自這裡。"
    ),
    "{name} rejected the API key ({said}). {access}: check the key for {name} in"
    " Settings → Providers.": "{name} 拒絕了 API 金鑰（{said}）。{access}：請在「設定 → 服務供應商」中檢查 {name} 的金鑰。",
    "{name} says the account is out of balance or credits ({said}). Top up the"
    " account with {name}, or pick a model from another provider.": (
        "{name} 表示帳戶餘額或額度不足（{said}）。請為 {name} 的帳戶儲值，或改用其他服務供應商的模型。"
    ),
    "{name} does not know the model {model!r} at {url} ({said}). Check the model"
    " name, and that the base URL is the API's root{hint}.": (
        "{name} 在 {url} 找不到模型 {model!r}（{said}）。請檢查模型名稱，以及 Base URL 是否為 API 的根位址{hint}。"
    ),
    " (often ending in /v1)": "（通常以 /v1 結尾）",
    " (the host alone, such as https://generativelanguage.googleapis.com)": (
        "（只寫主機位址，例如 https://generativelanguage.googleapis.com）"
    ),
    " (the host alone, such as https://api.anthropic.com)": (
        "（只寫主機位址，例如 https://api.anthropic.com）"
    ),
    "The conversation is too long for {model} on {name} ({said}). Start a new"
    " conversation, shorten it, or pick a model with a larger context window.": (
        "對話太長，超出了 {name} 上 {model} 的上下文長度（{said}）。請開始新對話、縮短對話，或改用上下文更大的模型。"
    ),
    "{name} does not serve your country or region ({said}). Use it through a relay"
    " that does, or set a proxy for it in Settings.": (
        "{name} 不向你所在的國家或地區提供服務（{said}）。請透過支援的轉接服務使用，或在設定中為它設定代理伺服器。"
    ),
    "{name} is rate-limiting requests ({said}). Wait {wait:g} s and try again, or"
    " switch to another model.": "{name} 正在限制請求頻率（{said}）。請等待 {wait:g} 秒後重試，或換一個模型。",
    "{name} is rate-limiting requests ({said}). Wait a moment and try again, or"
    " switch to another model.": "{name} 正在限制請求頻率（{said}）。請稍候再試，或換一個模型。",
    "{name} is overloaded ({said}). Try again in a moment, or switch to another"
    " model.": "{name} 目前負載過高（{said}）。請稍後再試，或換一個模型。",
    "{name} is having trouble ({said}). Try again in a moment, or switch to another"
    " model.": "{name} 發生問題（{said}）。請稍後再試，或換一個模型。",
    "{name} rejected the request ({said}). Check the model name and its parameters"
    " (temperature, max tokens) for this provider.": (
        "{name} 拒絕了請求（{said}）。請檢查模型名稱及其參數（temperature、最大 tokens）是否適用於這個服務供應商。"
    ),
    "The connection to {name} dropped in the middle of the answer. The part"
    " received is kept; try again.": "與 {name} 的連線在回答途中中斷。已收到的部分已保留，請重試。",
    "Could not connect to {name} at {where} within {seconds:g} s. Check your"
    " network connection, proxy settings and the base URL.": (
        "在 {seconds:g} 秒內無法連線到 {name}（{where}）。請檢查網路連線、代理伺服器設定和 Base URL。"
    ),
    # money: amounts, totals and budgets as the window shows them
    "price unknown": "價格未知",
    "free": "免費",
    " + {count:,} unpriced": " + {count:,} 個價格未知",
    "raise the budget in Settings, or send this one message anyway": "在設定中提高預算，或僅這一則訊息照常傳送",
    "The monthly budget of {limit} is used up ({spent} spent). Sending is paused:"
    " {remedy}.": "本月預算 {limit} 已用完（已花費 {spent}）。傳送已暫停：{remedy}。",
    "The daily budget of {limit} is used up ({spent} spent). Sending is paused:"
    " {remedy}.": "今日預算 {limit} 已用完（已花費 {spent}）。傳送已暫停：{remedy}。",
    "{percent} % of the monthly budget used ({spent} of {limit}).": "本月預算已用 {percent}%（{spent} / {limit}）。",
    "{percent} % of the daily budget used ({spent} of {limit}).": "今日預算已用 {percent}%（{spent} / {limit}）。",
    # text/rendering.py: the link above a code block
    "Copy": "複製",
    # network/http_errors.py: connections
    "The secure connection to {name} at {where} failed ({reason}). If you are"
    " behind a corporate proxy, it may need its CA certificate installed; also check"
    " that the base URL's scheme (http or https) is right.": "與 {name}（{where}）的安全連線失敗（{reason}）。如果你在公司代理伺服器之後，可能需要安裝它的 CA 憑證；另請檢查 Base URL 的協定（http 或 https）是否正確。",
    "The host name of {name} ({where}) could not be resolved. Check the base URL and"
    " your internet connection.": "無法解析 {name} 的主機名稱（{where}）。請檢查 Base URL 和網路連線。",
    "The proxy failed while connecting to {name} ({reason}). Check the proxy"
    " settings (HTTPS_PROXY, ALL_PROXY).": "透過代理伺服器連線 {name} 時發生錯誤（{reason}）。請檢查代理伺服器設定（HTTPS_PROXY、ALL_PROXY）。",
    "Could not connect to {name} at {where} ({reason}). Check that the server is"
    " running and the base URL is right, and your network connection.": "無法連線到 {name}（{where}）（{reason}）。請確認伺服器正在執行、Base URL 正確，並檢查網路連線。",
    "{name} closed the connection before answering ({reason}). Try again.": "{name} 在回答之前關閉了連線（{reason}）。請重試。",
    "{name} ended the answer without sending any of it (an empty event stream). Try"
    " again; if it keeps happening, the base URL may point at something else.": "{name} 結束了回答，卻沒有傳送任何內容（空的事件串流）。請重試；如果一直如此，Base URL 可能指向了別的服務。",
    "{name} closed the stream before the answer was complete (it never said the answer"
    " had ended). The part received is kept; try again.": "{name} 在回答完成之前關閉了資料串流（它沒有表明回答已結束）。已收到的部分已保留，請重試。",
    # settings/keys.py: keys
    "No API key for {name}: add it in Settings (stored in the OS keyring) or set"
    " the variable {variable}.": "{name} 沒有 API 金鑰：請在設定中新增（儲存在系統鑰匙圈中），或設定環境變數 {variable}。",
    "No API key for {name}: add it in Settings (stored in the OS keyring).": "{name} 沒有 API 金鑰：請在設定中新增（儲存在系統鑰匙圈中）。",
    "The OS keyring is not available ({why}). Keys are never written to disk: start a"
    " Secret Service (such as gnome-keyring) or set the provider's api_key_env"
    " variable.": "系統鑰匙圈無法使用（{why}）。金鑰從不寫入磁碟：請啟動一個 Secret Service（例如 gnome-keyring），或設定該服務供應商的 api_key_env 環境變數。",
    # history/failures.py: the history's own troubles
    "The history {path} is damaged ({detail}). Tally has not changed it; restore a"
    " backup with `tally backup --restore`, or open the app to restore one or start a"
    " fresh history with the damaged file kept aside.": "歷史紀錄 {path} 已損毀（{detail}）。Tally 沒有更動它；可以用 `tally backup --restore` 還原備份，或開啟應用程式還原一個備份，或建立新的歷史紀錄（損毀的檔案會保留在旁邊）。",
    "The disk holding the history ({folder}) is full: what was written before is kept,"
    " the rest is not saved yet. Free some space; Tally saves it with the next write.": "存放歷史紀錄的磁碟（{folder}）已滿：之前寫入的內容都在，其餘的還沒有儲存。請騰出一些空間，Tally 會在下次寫入時儲存。",
    "The history {path} is busy: an import is writing to it. What is not saved yet is"
    " kept, and saved once the import is done.": "歷史紀錄 {path} 正忙：匯入正在寫入。尚未儲存的內容都會保留，匯入完成後再儲存。",
    "Tally cannot use the history {path} ({detail}): make sure the file and its folder"
    " belong to you and can be read and written.": "Tally 無法使用歷史紀錄 {path}（{detail}）：請確認該檔案及其所在資料夾屬於你，並且可以讀寫。",
    # money: where a price comes from
    "your price in the settings": "你在設定中填寫的價格",
    "{name}'s price list": "{name} 的價目表",
    "a model server on this computer": "本機上的模型伺服器",
    "genai-prices {version} ({provider} {model})": "genai-prices {version}（{provider} {model}）",
    # transfer/import_tally.py: an attached file of an export that does not check out
    "the data of {name!r} is not base64": "{name!r} 的資料不是 base64 編碼",
    "the data of {name!r} does not match its sha256: the file was changed or"
    " damaged after it was exported": "{name!r} 的資料與其 sha256 不符：檔案在匯出後被改動或已損毀",
    "{name!r} is {size} bytes long, not {said}": "{name!r} 的長度是 {size} 位元組，而不是 {said}",
    # settings/assistants.py, parameters.py, history/conversation_parameters.py: assistants
    "the assistant must be an object of its settings": "assistant 必須是一個包含其設定的物件",
    "the assistant's name must be text or null": "assistant 的名稱必須是文字或 null",
    "{name} must be a whole number, 1 or more": "{name} 必須是大於等於 1 的整數",
    "system must be text": "system 必須是文字",
    "{name} must be a number from 0 to {top}": "{name} 必須是 0 到 {top} 之間的數",
    "{name} (copy)": "{name}（副本）",
    "{name} (copy {number})": "{name}（副本 {number}）",
    "an assistant needs a name": "助理需要一個名稱",
    "a name has no spaces around it and no line break": "名稱的首尾不能有空格，也不能換行",
    "{name} must be text": "{name} 必須是文字",
    "the name {name} is Tally's own (plain chat)": "名稱 {name} 為 Tally 保留（一般對話）",
    "the name {name} is used twice": "名稱 {name} 被使用了兩次",
    "{source} cannot be read: {problem}.": "無法讀取 {source}：{problem}。",
    "{source}: write each assistant as an [[assistant]] table.": "{source}：每個助理都應寫成一個 [[assistant]] 表。",
    "{source}: expected a list of assistants, or Tally's export of them.": "{source}：應為助理清單，或 Tally 匯出的助理檔案。",
    "an assistant must be a table of settings": "助理必須是一個設定表",
    "Cannot read {path}: {reason}.": "無法讀取 {path}：{reason}。",
    "Cannot write {path}: {reason}.": "無法寫入 {path}：{reason}。",
    "{source}, line {line} (assistant {number}): {problem}.": "{source}，第 {line} 行（第 {number} 個助理）：{problem}。",
    "{source}, assistant {number}: {problem}.": "{source}，第 {number} 個助理：{problem}。",
    "unknown setting {key}": "未知的設定 {key}",
    # attachments: reading files, their limits, models that take no images
    "Tally cannot read {name} ({reason}).": "Tally 無法讀取 {name}（{reason}）。",
    "Tally cannot send {name}: attach images (PNG, JPEG, WebP, GIF), text or code files, PDFs or Word (DOCX) documents.": "Tally 無法傳送 {name}：可以附加圖片（PNG、JPEG、WebP、GIF）、文字或程式碼檔案、PDF 或 Word（DOCX）文件。",
    "The files of this message ({names}) come to {size} MB together; one message can carry {limit} MB. Send some of them with another message.": "這則訊息的檔案（{names}）合計 {size} MB；一則訊息最多可帶 {limit} MB。請把其中一些放到另一則訊息裡傳送。",
    "not a PDF file": "不是 PDF 檔案",
    "{name} has no text Tally can take out (it may be scanned pages). Send it as a document instead, to a model that reads PDFs (Claude, Gemini).": "{name} 裡沒有 Tally 能擷取的文字（可能是掃描頁）。請改為以文件形式傳送給能讀取 PDF 的模型（Claude、Gemini）。",
    "not valid UTF-16 text": "不是有效的 UTF-16 文字",
    "{name} is {size} MB; a file can be at most {limit} MB.": "{name} 有 {size} MB；單一檔案最多 {limit} MB。",
    "{name} cannot be read as its type says ({reason}).": "{name} 無法依其檔案類型讀取（{reason}）。",
    "{model} takes no images, so {names} cannot go with this message. Pick a model that does, such as {takers}, or remove the images.": "{model} 不支援圖片輸入，{names} 無法隨這則訊息傳送。請改用支援圖片的模型（例如 {takers}），或移除圖片。",
    "{model} takes no images, so {names} cannot go with this message. Pick a model that takes images, or remove them.": "{model} 不支援圖片輸入，{names} 無法隨這則訊息傳送。請改用支援圖片的模型，或移除圖片。",
    "{model} on {name} takes no images ({said}). Pick a model that takes images, or send the message without them.": "{name} 上的 {model} 不支援圖片輸入（{said}）。請改用支援圖片的模型，或不帶圖片傳送這則訊息。",
    # settings/presets.py: the names of the presets the settings offer
    "HolySheep relay": "HolySheep 中轉站",
    "Gemini (OpenAI-compatible)": "Gemini（相容 OpenAI）",
    "Ollama (local)": "Ollama（本機）",
    "LM Studio (local)": "LM Studio（本機）",
    "Custom": "自訂",
    # settings/providers_file.py and app_settings.py: a hand-edited file that cannot be read
    "Cannot read {path}: {error}": "無法讀取 {path}：{error}",
    "{source}: {error}. Fix the file or remove it to start over.": "{source}：{error}。請修正該檔案，或刪除它重新開始。",
    "{source}: unknown top-level setting {names}; only [[provider]] tables.": "{source}：不明的頂層設定 {names}；這裡只能寫 [[provider]] 表格。",
    "{source}: write providers as [[provider]] tables, not [provider].": "{source}：服務商要寫成 [[provider]] 表格，而不是 [provider]。",
    "{source}, line {line} (provider #{number})": "{source}，第 {line} 行（第 {number} 個服務商）",
    "{where}: {problem}.": "{where}：{problem}。",
    "a provider must be a table of settings": "服務商必須是一個設定表格",
    "unknown setting {key!r}": "不明的設定 {key!r}",
    "id may hold only letters, digits, '.', '_' and '-'": "id 只能包含字母、數字、'.'、'_' 和 '-'",
    "kind must be one of {kinds}, not {kind!r}": "kind 必須是 {kinds} 之一，而不是 {kind!r}",
    "base_url must start with http:// or https://": "base_url 必須以 http:// 或 https:// 開頭",
    "api_key_env must be the name of a variable": "api_key_env 必須是一個環境變數的名稱",
    "simulated must be true or false": "simulated 必須是 true 或 false",
    'models must be a list of names, like ["gpt-4.1"]': 'models 必須是名稱清單，例如 ["gpt-4.1"]',
    "thinking_budget must be a whole number of tokens": "thinking_budget 必須是整數個 tokens",
    "proxy must be a URL starting with {schemes}": "proxy 必須是以 {schemes} 開頭的網址",
    "leave the proxy's password out of the file: the settings keep it in the keyring": "不要把代理伺服器密碼寫進檔案：設定會把它存在鑰匙圈中",
    "{key!r} must be a non-empty string": "{key!r} 必須是非空字串",
    "the setting {key!r} is missing": "缺少設定 {key!r}",
    'write prices as [provider.prices."MODEL"] tables': '價格要寫成 [provider.prices."MODEL"] 表格',
    "{key} of {model!r} must be a number (USD per million tokens)": "{model!r} 的 {key} 必須是數字（美元 / 百萬 tokens）",
    "{key} of {model!r} must be a number, not {raw!r}": "{model!r} 的 {key} 必須是數字，而不是 {raw!r}",
    "{key} of {model!r} must be zero or more": "{model!r} 的 {key} 不能小於零",
    "write timeouts as a [provider.timeouts] table": "逾時要寫成 [provider.timeouts] 表格",
    "the id {id!r} is used twice": "id {id!r} 重複使用",
    "the prices of {model!r} may set only {keys}": "{model!r} 的價格只能設定 {keys}",
    "the prices of {model!r} need both input and output": "{model!r} 的價格需要同時寫 input 和 output",
    "unknown timeout {key!r} (connect, first_byte, idle, total)": "不明的逾時 {key!r}（可用 connect、first_byte、idle、total）",
    "timeout {key} must be a number of seconds above zero": "逾時 {key} 必須是大於零的秒數",
    "the top level": "頂層",
    "{source}: [general] language must be one of {choices}, not {language!r}.": "{source}：[general] 的 language 必須是 {choices} 之一，而不是 {language!r}。",
    '{source}: [money] currency must be "USD" or "CNY", not {code!r}.': '{source}：[money] 的 currency 必須是 "USD" 或 "CNY"，而不是 {code!r}。',
    "{source}: write [{key}] as a table of settings.": "{source}：[{key}] 要寫成設定表格。",
    "{source}: unknown setting {key!r} in {where}.": "{source}：{where} 中有不明的設定 {key!r}。",
    "{source}: {key} must be a number, not {raw!r}.": "{source}：{key} 必須是數字，而不是 {raw!r}。",
    "{source}: {key} must be a positive number, not {raw!r}.": "{source}：{key} 必須是正數，而不是 {raw!r}。",
    "Cannot save the settings to {path}: {error}.": "無法把設定儲存到 {path}：{error}。",
    # transfer/import*.py: a file to import that cannot be read
    "the file": "該檔案",
    "Cannot read {path}: {error}.": "無法讀取 {path}：{error}。",
    "{path} is not a UTF-8 text file, so not a JSON export.": "{path} 不是 UTF-8 文字檔，因此不是 JSON 匯出檔。",
    "{path} is not JSON: {error}.": "{path} 不是 JSON：{error}。",
    "{path} nests its JSON too deeply to be an export.": "{path} 的 JSON 巢狀層數太深，不可能是匯出檔。",
    "{source}: {problem}": "{source}：{problem}",
    'neither a Tally export (an object with "format": "tally-export") nor a ChatGPT'
    " conversations.json (a list of conversations)": (
        '既不是 Tally 匯出檔（含 "format": "tally-export" 的物件），也不是 ChatGPT 的 conversations.json（對話清單）'
    ),
    "The disk holding the history ({folder}) is full: nothing was imported, the"
    " history is as it was. Free some space and import the file again.": (
        "存放歷史紀錄的磁碟（{folder}）已滿：沒有匯入任何內容，歷史紀錄維持原樣。請騰出一些空間後重新匯入該檔案。"
    ),
    "The conversation {title!r} holds text that is not valid Unicode ({reason}, such"
    " as a lone surrogate \\ud800), which the history cannot store. Nothing was"
    " imported.": (
        "對話 {title!r} 含有無效的 Unicode 文字（{reason}，例如單獨的代理字元 \\ud800），歷史紀錄無法儲存。沒有匯入任何內容。"
    ),
    "{where}: {problem}": "{where}：{problem}",
    "a string": "一個字串",
    "an object": "一個物件",
    "a list": "一個清單",
    "{key!r} is missing": "缺少 {key!r}",
    "must be an object, not {value}": "必須是物件，而不是 {value}",
    "{key!r} must be a list, not {value}": "{key!r} 必須是清單，而不是 {value}",
    "{key!r} must be a string, not {value}": "{key!r} 必須是字串，而不是 {value}",
    "{key!r} must be a string or null, not {value}": "{key!r} 必須是字串或 null，而不是 {value}",
    "{first} or {last}": "{first} 或 {last}",
    "'format' must be {format!r}, not {value}": "'format' 必須是 {format!r}，而不是 {value}",
    "'version' must be a whole number, not {value}": "'version' 必須是整數，而不是 {value}",
    "written by a newer Tally (export version {version}); update Tally to read it": "由較新版本的 Tally 匯出（匯出版本 {version}）；請更新 Tally 後再讀取",
    "'version' must be {expected}, not {version}": "'version' 必須是 {expected}，而不是 {version}",
    "id {id!r} is also conversations[{first}]'s": "id {id!r} 與 conversations[{first}] 的 id 重複",
    "'id' must not be empty": "'id' 不能是空的",
    "'parent_id' {parent} names no message before it": "'parent_id' {parent} 指向的訊息不在它之前",
    "'id' must be a string, not {value}": "'id' 必須是字串，而不是 {value}",
    "{key!r} must be {names}, not {value}": "{key!r} 必須是 {names}，而不是 {value}",
    "{key!r} must be an ISO-8601 time, not {value}": "{key!r} 必須是 ISO-8601 時間，而不是 {value}",
    "{key!r} must be true or false, not {value}": "{key!r} 必須是 true 或 false，而不是 {value}",
    "{key!r} must be a whole number of tokens, not {value}": "{key!r} 必須是整數個 tokens，而不是 {value}",
    "{key!r} must be a number of seconds or null, not {value}": "{key!r} 必須是秒數或 null，而不是 {value}",
    "'cost_usd' must be a number of dollars or null, not {value}": "'cost_usd' 必須是美元金額或 null，而不是 {value}",
    "the same conversation as conversations[{first}]": "與 conversations[{first}] 是同一個對話",
    "needs a string 'conversation_id' or 'id'": "需要字串型別的 'conversation_id' 或 'id'",
    "'current_node' must be a node id, not {value}": "'current_node' 必須是節點 id，而不是 {value}",
    "node {node} is not in the mapping": "節點 {node} 不在 mapping 中",
    "the parents of node {node!r} go round in a circle": "節點 {node!r} 的上層節點形成了循環",
    "'role' must be a string, not {value}": "'role' 必須是字串，而不是 {value}",
    "{key!r} must be seconds since 1970 or null, not {value}": "{key!r} 必須是自 1970 年起的秒數或 null，而不是 {value}",
    "{key!r} is not a plausible time: {value}": "{key!r} 不是合理的時間：{value}",
    # history/backups.py: backups the history dialog lists and restores
    "There are no backups of the history in {folder} yet.": "{folder} 中還沒有歷史紀錄的備份。",
    "No backup is called {name!r}; there are: {listed}.": "沒有名為 {name!r} 的備份；現有備份：{listed}。",
    "More than one backup is called {name!r}; there are: {listed}.": "名稱以 {name!r} 開頭的備份不只一個；現有備份：{listed}。",
    "The history is open in Tally (the app, or a `tally` command still running):"
    " close it, then restore.": "歷史紀錄正在 Tally 中開啟（應用程式，或仍在執行的 `tally` 指令）：請先關閉，再還原。",
    "the disk is full": "磁碟已滿",
    "Tally cannot write a backup in {where} ({reason}).": "Tally 無法在 {where} 寫入備份（{reason}）。",
    "The backup {copy} of {history} is damaged too ({finding}); pick another with"
    " `tally backup --list`.": "{history} 的備份 {copy} 也已損毀（{finding}）；請用 `tally backup --list` 另選一個。",
    # routing/: rules, why each matched or not, the rules file
    "min_tokens {limit:,}: the question has ≈{tokens:,}": "min_tokens {limit:,}：這個問題約有 {tokens:,} 個 token",
    "max_tokens {limit:,}: the question has ≈{tokens:,}": "max_tokens {limit:,}：這個問題約有 {tokens:,} 個 token",
    "assistant = {wanted}: asked as {asked}": "assistant = {wanted}：以 {asked} 的身分提問",
    "assistant = {wanted}: asked with no assistant": "assistant = {wanted}：未使用助理",
    "has_image = {wanted}: an image is attached": "has_image = {wanted}：附有圖片",
    "has_image = {wanted}: no image is attached": "has_image = {wanted}：未附圖片",
    "has_code = {wanted}: the prompt holds code": "has_code = {wanted}：提示詞中含有程式碼",
    "has_code = {wanted}: the prompt holds no code": "has_code = {wanted}：提示詞中沒有程式碼",
    "matches {pattern}: found {found!r}": "matches {pattern}：找到了 {found!r}",
    "matches {pattern}: not in the prompt": "matches {pattern}：提示詞中沒有",
    "language = {wanted}: the prompt has no words to tell": "language = {wanted}：提示詞中沒有可判斷語言的文字",
    "language = {wanted}: the prompt is {percent}% Chinese, so {found}": "language = {wanted}：提示詞中文佔 {percent}%，判定為 {found}",
    "none": "無",
    "The routing rules pick {choice}, but providers.toml has no provider with the id {provider!r} (there are: {known}): change the rule or add the provider.": "路由規則選擇了 {choice}，但 providers.toml 中沒有 id 為 {provider!r} 的服務商（現有：{known}）：請修改規則或新增該服務商。",
    "The routing rules pick {choice}, but {name} does not list the model {model!r} in providers.toml: add it to the provider's models or change the rule.": "路由規則選擇了 {choice}，但 providers.toml 中 {name} 的模型清單裡沒有 {model!r}：請把它加入該服務商的 models，或修改規則。",
    "no conditions: it matches every question": "沒有條件：符合所有問題",
    "{text!r} is not a model: write it as provider/model": "{text!r} 不是模型：請寫成 服務商/模型",
    "min_tokens is more than max_tokens: no question can match": "min_tokens 大於 max_tokens：沒有問題能符合",
    'language must be "zh" or "en", not {value!r}': 'language 必須是 "zh" 或 "en"，而不是 {value!r}',
    "the ladder names a model twice": "階梯中同一個模型出現了兩次",
    "{key} must be a whole number of tokens": "{key} 必須是整數個 token",
    "{key} must be true or false": "{key} 必須是 true 或 false",
    "the rule name {name!r} is used twice": "規則名稱 {name!r} 用了兩次",
    "matches is not a regular expression: {error}": "matches 不是有效的正規表示式：{error}",
    "ladder": "階梯",
    "{source}, line {line} ({what})": "{source}，第 {line} 行（{what}）",
    "{source}: unknown top-level setting {names}; only [[rule]] tables and [ladder].": "{source}：未知的頂層設定 {names}；只能有 [[rule]] 表和 [ladder]。",
    "{source}: write rules as [[rule]] tables, not [rule].": "{source}：規則要寫成 [[rule]] 表，而不是 [rule]。",
    "rule #{number}": "第 {number} 條規則",
    "a rule must be a table of settings": "規則必須是一個設定表",
    "the ladder must be a table: [ladder] models = [...]": "階梯必須是一個表：[ladder] models = [...]",
    'models must be a list like ["holysheep/deepseek-chat", "holysheep/gpt-4.1"]': 'models 必須是清單，例如 ["holysheep/deepseek-chat", "holysheep/gpt-4.1"]',
    "Cannot write {path}: {error}": "無法寫入 {path}：{error}",
    "'escalated_from' {id} names no message before it": "'escalated_from' {id} 指向的訊息不在它之前",
    # providers/model_list.py: a model list that cannot be had
    "{name} answered {url} with JSON that is not a model list. Check the base URL, or type the model names instead.": "{name} 在 {url} 回傳的 JSON 不是模型清單。請檢查基礎 URL，或直接輸入模型名稱。",
    "The base URL {url} is not a valid address.": "基礎 URL {url} 不是有效的位址。",
    "{name} did not send its model list within {seconds} s. It may be overloaded, or the base URL may point at something that is not the API.": "{name} 在 {seconds} 秒內沒有傳來模型清單。服務可能過載，或者基礎 URL 指向的不是 API。",
    "{name} has no model list at {url} (404). Check that the base URL is the API's root ({hint}); if it is right, type the model names instead.": "{name} 在 {url} 沒有模型清單（404）。請檢查基礎 URL 是否為 API 的根位址（{hint}）；如果沒錯，請直接輸入模型名稱。",
    "{name} rejected the API key ({status}: API key not valid). Check the key for {name} in Settings → Providers.": "{name} 拒絕了 API 金鑰（{status}：API 金鑰無效）。請在 設定 → 服務商 中檢查 {name} 的金鑰。",
    "{name}'s model list is larger than {size} MiB; the base URL probably points at something that is not the API.": "{name} 的模型清單超過 {size} MiB；基礎 URL 指向的可能不是 API。",
    "{name} sent a model list that could not be decoded ({reason}).": "{name} 傳來的模型清單無法解碼（{reason}）。",
    # money/prices.py: a price per million tokens, and a long prompt's dearer one
    "{pair} per M": "{pair} / 百萬 token",
    "{pair} above {tokens} input tokens": "輸入超過 {tokens} token 時 {pair}",
    # network, keys, history, export: the rest of the window's messages from the core
    "set in Settings": "在設定中設定",
    "from the system's proxy settings": "來自系統的代理伺服器設定",
    "from the {variable} variable": "來自 {variable} 環境變數",
    "The proxy {proxy} ({source}) is a {scheme}:// proxy, which Tally cannot use: use an http://, https:// or socks5:// proxy, or set one for this provider in Settings → Network.": "代理伺服器 {proxy}（{source}）是 {scheme}:// 代理，Tally 無法使用：請使用 http://、https:// 或 socks5:// 代理，或在 設定 → 網路 中為此服務商單獨設定。",
    "The certificates named by SSL_CERT_FILE or SSL_CERT_DIR cannot be used ({reason}). Fix the variable, or remove it to use the usual ones.": "SSL_CERT_FILE 或 SSL_CERT_DIR 指定的憑證無法使用（{reason}）。請修正該變數，或刪除它以使用預設憑證。",
    "The CA bundle {bundle} cannot be used ({reason}). Choose a file of PEM certificates (-----BEGIN CERTIFICATE-----) in Settings → Network.": "CA 憑證包 {bundle} 無法使用（{reason}）。請在 設定 → 網路 中選擇一個 PEM 憑證檔案（-----BEGIN CERTIFICATE-----）。",
    "The API key contains a space, a line break or a character that keys never have. Paste it again, exactly as the provider shows it.": "API 金鑰中含有空格、換行或金鑰中不會出現的字元。請按服務商顯示的原樣重新貼上。",
    "The history database was upgraded by a newer version of Tally (steps {steps}): update Tally to open it.": "歷史資料庫已被較新版本的 Tally 升級（步驟 {steps}）：請更新 Tally 後再開啟。",
    "The history database was upgraded by a newer version of Tally: update Tally to open it.": "歷史資料庫已被較新版本的 Tally 升級：請更新 Tally 後再開啟。",
    "No conversation with id {id!r} in the history.": "歷史紀錄中沒有 ID 為 {id!r} 的對話。",
    "More than one conversation has an id starting with {given!r} ({first}, {second}, …): give more of it.": "有不只一個對話的 ID 以 {given!r} 開頭（{first}、{second}…）：請多輸入幾位。",
}
