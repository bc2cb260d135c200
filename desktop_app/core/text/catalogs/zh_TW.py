"""The core's texts in Traditional Chinese (templates of core/text/messages.py's t())."""

from __future__ import annotations

CATALOG: dict[str, str] = {
    # network/http_errors.py: what a provider's error status means, and what to do
    "The key may be wrong or revoked": "金鑰可能有誤或已被撤銷",
    "The key may lack access to {model}, or the account or region is blocked": (
        "金鑰可能沒有 {model} 的使用權限，或帳號、地區受到限制"
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
    "runs on this computer": "在本機執行",
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
}
