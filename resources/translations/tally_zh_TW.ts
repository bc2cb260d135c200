<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Licence: MIT (the LICENSE file, shipped with the app).</source>
        <translation>授權條款：MIT（見隨應用程式附帶的 LICENSE 檔案）。</translation>
    </message>
    <message>
        <source>The notice is missing from this installation ({}).</source>
        <translation>此安裝中缺少該聲明（{}）。</translation>
    </message>
    <message>
        <source>About Tally</source>
        <translation>關於 Tally</translation>
    </message>
    <message>
        <source>Your conversations, settings and logs are in this folder:</source>
        <translation>你的對話、設定和記錄檔都在這個資料夾裡：</translation>
    </message>
    <message>
        <source>Prices come from a copy of genai-prices, under this licence:</source>
        <translation>價格資料來自 genai-prices 的副本，其授權條款如下：</translation>
    </message>
    <message>
        <source>A desktop chat client for LLM APIs.</source>
        <translation>一款串接大型語言模型 API 的桌面聊天用戶端。</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>開啟資料夾</translation>
    </message>
</context>
<context>
    <name>ArchiveHeading</name>
    <message>
        <source>Archived conversations</source>
        <translation>已封存的對話</translation>
    </message>
</context>
<context>
    <name>ArchiveToggle</name>
    <message>
        <source>Back to conversations</source>
        <translation>返回對話清單</translation>
    </message>
    <message>
        <source>Show the conversations that are not archived</source>
        <translation>顯示未封存的對話</translation>
    </message>
    <message>
        <source>Archived ({})</source>
        <translation>已封存（{}）</translation>
    </message>
    <message>
        <source>Show the archived conversations</source>
        <translation>顯示已封存的對話</translation>
    </message>
</context>
<context>
    <name>AssistantPicker</name>
    <message>
        <source>The assistant: a system prompt and parameters this conversation starts with</source>
        <translation>助理：本對話開始時使用的系統提示詞與參數</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助理</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>預設</translation>
    </message>
    <message>
        <source>Plain chat: no system prompt</source>
        <translation>一般對話：沒有系統提示詞</translation>
    </message>
    <message>
        <source>Manage assistants…</source>
        <translation>管理助理…</translation>
    </message>
</context>
<context>
    <name>AssistantsDialog</name>
    <message>
        <source>Assistants</source>
        <translation>助理</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>匯入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>匯出…</translation>
    </message>
    <message>
        <source>The model picked in the window</source>
        <translation>視窗中選擇的模型</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名稱(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>New assistant</source>
        <translation>新助理</translation>
    </message>
    <message>
        <source>Import assistants</source>
        <translation>匯入助理</translation>
    </message>
    <message>
        <source>Assistants (*.toml *.json)</source>
        <translation>助理檔案 (*.toml *.json)</translation>
    </message>
    <message>
        <source>Imported {added} of {count}; those with a name already here were left out.</source>
        <translation>已匯入 {count} 個中的 {added} 個；與現有助理同名的未匯入。</translation>
    </message>
    <message>
        <source>Export assistants</source>
        <translation>匯出助理</translation>
    </message>
    <message>
        <source>TOML (*.toml);;JSON (*.json)</source>
        <translation>TOML (*.toml);;JSON (*.json)</translation>
    </message>
</context>
<context>
    <name>AttachmentChip</name>
    <message>
        <source>Remove {}</source>
        <translation>移除 {}</translation>
    </message>
    <message>
        <source>Send the PDF itself, pages and pictures included, instead of its text: Claude, Gemini and OpenAI&apos;s own API read PDFs; other models may refuse it</source>
        <translation>傳送 PDF 檔案本身（含頁面與圖片）而非其中的文字：Claude、Gemini 與 OpenAI 官方 API 能讀取 PDF；其他模型可能會拒絕</translation>
    </message>
    <message>
        <source>sent as its text</source>
        <translation>以其中的文字傳送</translation>
    </message>
</context>
<context>
    <name>AttachmentTray</name>
    <message>
        <source>Pasted image {}.png</source>
        <translation>貼上的圖片 {}.png</translation>
    </message>
</context>
<context>
    <name>AutoRoute</name>
    <message>
        <source>Auto</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Auto (rules): each message goes to the model its routing rule picks (routing.toml, Settings → Routing); the estimate names the model and the rule before sending. Picking a model turns it off.</source>
        <translation>自動（規則）：每則訊息傳給其路由規則選中的模型（routing.toml，設定 → 路由）；傳送前，預估會寫明模型與規則。手動選擇模型即關閉自動。</translation>
    </message>
    <message>
        <source>Auto is not used for an edit or a comparison: the models picked answer</source>
        <translation>編輯或比較時不使用自動路由：由所選模型回答</translation>
    </message>
    <message>
        <source>Auto: the rule “{rule}” picks {model}</source>
        <translation>自動：規則「{rule}」選擇 {model}</translation>
    </message>
    <message>
        <source>Auto: no rule matches; the model picked answers</source>
        <translation>自動：沒有規則符合，由所選模型回答</translation>
    </message>
    <message>
        <source>Auto cannot route: {}</source>
        <translation>自動路由無法進行：{}</translation>
    </message>
    <message>
        <source>Try {model} (cost unknown)</source>
        <translation>試試 {model}（費用未知）</translation>
    </message>
    <message>
        <source>Try {model} (+{money})</source>
        <translation>試試 {model}（+{money}）</translation>
    </message>
</context>
<context>
    <name>BacktestView</name>
    <message>
        <source>Per rule</source>
        <translation>各規則</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>規則</translation>
    </message>
    <message>
        <source>Picks</source>
        <translation>選用</translation>
    </message>
    <message>
        <source>Answers picked</source>
        <translation>選中的回答</translation>
    </message>
    <message>
        <source>As sent</source>
        <translation>實際傳送</translation>
    </message>
    <message>
        <source>With the rules</source>
        <translation>用規則後</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>升級</translation>
    </message>
    <message>
        <source>Of the answers this rule picked when they were sent (with Auto), how many you asked a stronger model again</source>
        <translation>傳送時由這條規則選定模型（自動）的回答中，有多少被你換更強的模型重問</translation>
    </message>
    <message>
        <source>Per model</source>
        <translation>各模型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Answers as sent</source>
        <translation>實際傳送的回答</translation>
    </message>
    <message>
        <source>Answers with the rules</source>
        <translation>用規則後的回答</translation>
    </message>
    <message>
        <source>Working out {} with your rules…</source>
        <translation>正在按你的規則回測 {}…</translation>
    </message>
    <message>
        <source>Fix it in Settings → Routing to see the month with your rules.</source>
        <translation>請在「設定 → 路由規則」中修正，即可看到按你的規則計算的本月花費。</translation>
    </message>
    <message>
        <source>No answers with a cost in {}: nothing to try the rules on.</source>
        <translation>{} 沒有計費的回答：無可回測。</translation>
    </message>
    <message>
        <source>with the shipped rules</source>
        <translation>按內建規則</translation>
    </message>
    <message>
        <source>with these rules</source>
        <translation>按這些規則</translation>
    </message>
    <message>
        <source>{month}: &lt;b&gt;{sent}&lt;/b&gt; as sent, &lt;b&gt;{routed}&lt;/b&gt; {whose}. {change}</source>
        <translation>{month}：實際 &lt;b&gt;{sent}&lt;/b&gt;，{whose} &lt;b&gt;{routed}&lt;/b&gt;。{change}</translation>
    </message>
    <message>
        <source>The rules would have saved {amount} ({share}%).</source>
        <translation>這些規則可省下 {amount}（{share}%）。</translation>
    </message>
    <message>
        <source>The rules would have cost {} more.</source>
        <translation>這些規則會多花 {}。</translation>
    </message>
    <message>
        <source>(no rule matched: as sent)</source>
        <translation>（沒有規則符合：按實際傳送）</translation>
    </message>
    <message>
        <source>{} (not in the rules now)</source>
        <translation>{}（現已不在規則中）</translation>
    </message>
    <message>
        <source>No answer of the month was sent by this rule.</source>
        <translation>本月沒有由這條規則傳送的回答。</translation>
    </message>
    <message>
        <source>{escalated} of {answers} ({share}%)</source>
        <translation>{answers} 條中 {escalated} 條（{share}%）</translation>
    </message>
    <message>
        <source>⚠ {}: often</source>
        <translation>⚠ {}：經常</translation>
    </message>
    <message>
        <source>Its answers are often asked again of a stronger model: this rule&apos;s model is probably too cheap for its questions.</source>
        <translation>它的回答常被換更強的模型重問：這條規則的模型對這些問題可能太便宜了。</translation>
    </message>
    <message>
        <source>A what-if figure: each answer&apos;s own tokens re-priced on the model the rules pick for its question; nothing is billed or written.</source>
        <translation>這是假設的數字：每條回答的實際 token 按規則為其問題選的模型重新計價；不計費，也不寫入任何內容。</translation>
    </message>
    <message>
        <source>Answers on a model of unknown price are not in the amounts (“+ N unpriced”): an unknown price is never counted as 0.</source>
        <translation>價格未知的模型的回答不計入金額（「+ N 條未定價」）：未知的價格絕不按 0 計算。</translation>
    </message>
    <message>
        <source>1 answer whose question is no longer in the history counts as sent.</source>
        <translation>1 條回答的問題已不在歷史紀錄中，按實際傳送計算。</translation>
    </message>
    <message>
        <source>{} answers whose question is no longer in the history count as sent.</source>
        <translation>{} 條回答的問題已不在歷史紀錄中，按實際傳送計算。</translation>
    </message>
</context>
<context>
    <name>CompareChoice</name>
    <message>
        <source>Compare with {}:</source>
        <translation>與 {} 比較：</translation>
    </message>
    <message>
        <source>Compare: {}</source>
        <translation>比較：{}</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>Send to several models at once and see their answers side by side; tick up to {} models besides the one picked (or Ctrl+click them in the model list)</source>
        <translation>同時傳給多個模型，並排檢視它們的回答；除目前的模型外最多再勾選 {} 個（也可在模型清單中按住 Ctrl 點選）</translation>
    </message>
</context>
<context>
    <name>CompareColumn</name>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop this answer; the others go on</source>
        <translation>只停止這個回答，其他回答繼續</translation>
    </message>
    <message>
        <source>Continue with this one</source>
        <translation>用這個回答繼續</translation>
    </message>
    <message>
        <source>Go on from this answer; the others stay as versions of it</source>
        <translation>從這個回答繼續對話，其他回答保留為它的版本</translation>
    </message>
    <message>
        <source>Stop the answer of {}</source>
        <translation>停止 {} 的回答</translation>
    </message>
    <message>
        <source>Continue with the answer of {}</source>
        <translation>用 {} 的回答繼續</translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <source>first token {:.2f} s</source>
        <translation>首字 {:.2f} 秒</translation>
    </message>
    <message>
        <source>{:.0f} tokens/s</source>
        <translation>{:.0f} tokens/秒</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop editing (Esc); the message stays as it was</source>
        <translation>取消編輯（Esc），訊息維持原樣</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Attach: images, text and code files, PDF and DOCX (or drop them on the window, or paste)</source>
        <translation>加入附件：圖片、文字與程式碼檔案、PDF 和 DOCX（也可拖放到視窗，或貼上）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>傳送</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>傳送（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the answer (Esc)</source>
        <translation>停止回答（Esc）</translation>
    </message>
    <message>
        <source>Editing “{}”: the edit and its answer come as a new version. Esc cancels.</source>
        <translation>正在編輯「{}」：修改後的訊息和它的回答會儲存為新版本。按 Esc 取消。</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>加入附件</translation>
    </message>
    <message>
        <source>Images, documents and text (*.png *.jpg *.jpeg *.webp *.gif *.pdf *.docx *.txt *.md *.csv *.json *.py *.js *.ts *.html *.css *.xml *.yaml *.yml *.toml);;All files (*)</source>
        <translation>圖片、文件與文字 (*.png *.jpg *.jpeg *.webp *.gif *.pdf *.docx *.txt *.md *.csv *.json *.py *.js *.ts *.html *.css *.xml *.yaml *.yml *.toml);;所有檔案 (*)</translation>
    </message>
</context>
<context>
    <name>ConversationAssistant</name>
    <message>
        <source>Parameters</source>
        <translation>參數</translation>
    </message>
    <message>
        <source>This conversation&apos;s system prompt, temperature and other parameters</source>
        <translation>本對話的系統提示詞、溫度等參數</translation>
    </message>
</context>
<context>
    <name>ConversationMenu</name>
    <message>
        <source>Rename…</source>
        <translation>重新命名…</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>取消封存</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消釘選</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>釘選</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>封存</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>New conversation</source>
        <translation>新對話</translation>
    </message>
    <message>
        <source>New conversation (Ctrl+N)</source>
        <translation>新對話（Ctrl+N）</translation>
    </message>
    <message>
        <source>Search (Ctrl+K)</source>
        <translation>搜尋（Ctrl+K）</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>搜尋對話</translation>
    </message>
    <message>
        <source>No archived conversations.</source>
        <translation>沒有已封存的對話。</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>還沒有對話。</translation>
    </message>
    <message>
        <source>Pinned once the import is done</source>
        <translation>匯入完成後置頂</translation>
    </message>
    <message>
        <source>Unpinned once the import is done</source>
        <translation>匯入完成後取消置頂</translation>
    </message>
    <message>
        <source>Conversation archived</source>
        <translation>對話已封存</translation>
    </message>
    <message>
        <source>Conversation unarchived</source>
        <translation>對話已取消封存</translation>
    </message>
    <message>
        <source>Conversation deleted</source>
        <translation>對話已刪除</translation>
    </message>
    <message>
        <source>No messages match “{0}”.</source>
        <translation>沒有訊息包含「{0}」。</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>對話</translation>
    </message>
</context>
<context>
    <name>CostMeter</name>
    <message>
        <source>Conversation {}</source>
        <translation>本對話 {}</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>These {} answers {}</source>
        <translation>這 {} 個回答 {}</translation>
    </message>
    <message>
        <source>(simulated, not spent)</source>
        <translation>（模擬，未實際花費）</translation>
    </message>
    <message>
        <source>This answer none yet</source>
        <translation>本次回答 尚無</translation>
    </message>
    <message>
        <source>This answer {} (simulated, not spent)</source>
        <translation>本次回答 {}（模擬，未實際花費）</translation>
    </message>
    <message>
        <source>This answer {}</source>
        <translation>本次回答 {}</translation>
    </message>
    <message>
        <source> of {}</source>
        <translation> / {}</translation>
    </message>
    <message>
        <source>This answer: {}</source>
        <translation>本次回答：{}</translation>
    </message>
    <message>
        <source>Simulated answers show what they would cost; none is spent.</source>
        <translation>模擬回答只顯示應有的費用，不會實際花費。</translation>
    </message>
    <message>
        <source>“+”: some answers used models whose price is unknown.</source>
        <translation>「+」：部分回答所用模型的價格未知。</translation>
    </message>
    <message>
        <source>≈ marks an estimate from the text&apos;s length (about 4 characters a token).</source>
        <translation>≈ 表示依文字長度估算（約 4 個字元算一個 token）。</translation>
    </message>
</context>
<context>
    <name>DailyChart</name>
    <message>
        <source>Mon</source>
        <translation>週一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>週二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>週三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>週四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>週五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>週六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>週日</translation>
    </message>
    <message>
        <source>Spend per day</source>
        <translation>每日花費</translation>
    </message>
    <message>
        <source>Nothing was spent on these days.</source>
        <translation>這些天沒有花費。</translation>
    </message>
    <message>
        <source>{month} {day}</source>
        <translation>{month}{day}日</translation>
    </message>
    <message>
        <source>{weekday} {day} {month} {year}</source>
        <translation>{year}年{month}{day}日 {weekday}</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>January</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>February</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>March</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>April</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>June</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>July</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>August</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>September</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>October</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>November</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>December</source>
        <translation>12月</translation>
    </message>
    <message>
        <source>{month} {year}</source>
        <translation>{year}年{month}</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>已釘選</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>過去 7 天</translation>
    </message>
    <message>
        <source>Previous 30 days</source>
        <translation>過去 30 天</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>{day} {month}</source>
        <translation>{month}{day}日</translation>
    </message>
    <message>
        <source>{date} {year}</source>
        <translation>{year}年{date}</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Open settings</source>
        <translation>開啟設定</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <source>Switch model</source>
        <translation>換個模型</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>仍要傳送</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>錯誤</translation>
    </message>
    <message>
        <source>Dismiss error</source>
        <translation>關閉錯誤提示</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>As the system ({})</source>
        <translation>跟隨系統（{}）</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>語言：</translation>
    </message>
    <message>
        <source>A new language shows the next time Tally starts.</source>
        <translation>新的語言會在下次啟動 Tally 時生效。</translation>
    </message>
</context>
<context>
    <name>HistoryFiles</name>
    <message>
        <source>An import is running already.</source>
        <translation>已有一個匯入正在進行。</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在匯入 {0}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation>匯入對話</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown 檔案 (*.md)</translation>
    </message>
    <message>
        <source>Tally JSON export (*.json)</source>
        <translation>Tally JSON 匯出檔 (*.json)</translation>
    </message>
    <message>
        <source>Nothing to export yet: this conversation has no messages.</source>
        <translation>尚無可匯出的內容：這個對話還沒有訊息。</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>匯出對話</translation>
    </message>
    <message>
        <source>Export all conversations</source>
        <translation>匯出全部對話</translation>
    </message>
    <message>
        <source>Conversations (*.json);;All files (*)</source>
        <translation>對話 (*.json);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Imported 1 conversation; {skipped} already in the history, skipped.</source>
        <translation>已匯入 1 個對話；{skipped} 個已在歷史紀錄中，已略過。</translation>
    </message>
    <message>
        <source>Imported {added} conversations; {skipped} already in the history, skipped.</source>
        <translation>已匯入 {added} 個對話；{skipped} 個已在歷史紀錄中，已略過。</translation>
    </message>
    <message>
        <source>Imported 1 conversation.</source>
        <translation>已匯入 1 個對話。</translation>
    </message>
    <message>
        <source>Imported {added} conversations.</source>
        <translation>已匯入 {added} 個對話。</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported.</source>
        <translation>匯入已取消：沒有匯入任何內容。</translation>
    </message>
    <message>
        <source>Exporting to {0}…</source>
        <translation>正在匯出到 {0}…</translation>
    </message>
    <message>
        <source>Exported 1 conversation to {}.</source>
        <translation>已將 1 個對話匯出到 {}。</translation>
    </message>
    <message>
        <source>Exported {count} conversations to {target}.</source>
        <translation>已將 {count} 個對話匯出到 {target}。</translation>
    </message>
</context>
<context>
    <name>HistoryProblemDialog</name>
    <message>
        <source>Tally cannot open your history</source>
        <translation>Tally 無法開啟你的歷史紀錄</translation>
    </message>
    <message>
        <source>Backup of {when} ({size} KiB)</source>
        <translation>{when} 的備份（{size} KiB）</translation>
    </message>
    <message>
        <source>Restore a backup, or start a fresh history. Either way the file there now is kept beside it, renamed, so nothing is deleted.</source>
        <translation>還原一個備份，或建立新的歷史紀錄。無論選哪一種，現在的檔案都會改名後留在原處，不會刪除任何內容。</translation>
    </message>
    <message>
        <source>There is no backup yet. You can start a fresh history: the file there now is kept beside it, renamed, so nothing is deleted.</source>
        <translation>還沒有備份。你可以建立新的歷史紀錄：現在的檔案會改名後留在原處，不會刪除任何內容。</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>還原這個備份</translation>
    </message>
    <message>
        <source>Start a fresh history</source>
        <translation>建立新的歷史紀錄</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重試</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>The file {path} is damaged ({detail}). Tally has not changed it.</source>
        <translation>檔案 {path} 已損毀（{detail}）。Tally 沒有更動它。</translation>
    </message>
    <message>
        <source>it cannot be read</source>
        <translation>無法讀取</translation>
    </message>
    <message>
        <source>Restored the backup of {when}; the history it replaced is kept as {aside}.</source>
        <translation>已還原 {when} 的備份；被取代的歷史紀錄保留為 {aside}。</translation>
    </message>
    <message>
        <source>Started a fresh history; the one that could not be opened is kept as {}.</source>
        <translation>已建立新的歷史紀錄；無法開啟的那份保留為 {}。</translation>
    </message>
</context>
<context>
    <name>LadderEditor</name>
    <message>
        <source>Ladder, cheapest first</source>
        <translation>模型階梯，最便宜的在前</translation>
    </message>
    <message>
        <source>Model to add to the ladder</source>
        <translation>要加入階梯的模型</translation>
    </message>
    <message>
        <source>provider/model</source>
        <translation>服務商/模型</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ladder&lt;/b&gt;, cheapest first: what “a stronger model” means</source>
        <translation>&lt;b&gt;模型階梯&lt;/b&gt;，最便宜的在前：即「更強的模型」的含義</translation>
    </message>
    <message>
        <source>{} is on the ladder already.</source>
        <translation>{} 已在階梯中。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Spending</source>
        <translation>費用</translation>
    </message>
    <message>
        <source>Spend per day and per model, and what it would cost elsewhere</source>
        <translation>依日期、依模型檢視花費，以及改用其他模型要花多少</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>新對話(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>匯出對話(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;all conversations…</source>
        <translation>匯出全部對話(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import conversations…</source>
        <translation>匯入對話(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Tally…</source>
        <translation>關於 Tally(&amp;A)…</translation>
    </message>
    <message>
        <source>Pick a model first, or add a provider.</source>
        <translation>請先選擇一個模型，或新增服務商。</translation>
    </message>
    <message>
        <source>A file is still being read: send again once it shows its size.</source>
        <translation>仍在讀取檔案：等它顯示大小後再傳送。</translation>
    </message>
    <message>
        <source>The message you were editing is in a version no longer shown: nothing was sent. Show its version again to edit it, or send your text as a new message.</source>
        <translation>你正在編輯的訊息所在的版本已不再顯示：沒有傳送任何內容。請重新顯示那個版本後再編輯，或把這段文字當作新訊息傳送。</translation>
    </message>
    <message>
        <source>Assistant:</source>
        <translation>助理：</translation>
    </message>
    <message>
        <source>An import is writing the history: branch once it is done.</source>
        <translation>正在匯入到歷史紀錄：請在匯入完成後再建立分支。</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>對話</translation>
    </message>
    <message>
        <source>{0} (branch)</source>
        <translation>{0}（分支）</translation>
    </message>
    <message>
        <source>Making the branch…</source>
        <translation>正在建立分支…</translation>
    </message>
    <message>
        <source>Branch made: {0}</source>
        <translation>分支已建立：{0}</translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({0}: {1}). Tally kept running; the details are in {2}.</source>
        <translation>發生了意外錯誤（{0}：{1}）。Tally 仍在執行；詳情見 {2}。</translation>
    </message>
    <message>
        <source>Today&apos;s backup of the history was not made: {0}</source>
        <translation>今天的歷史紀錄備份未能完成：{0}</translation>
    </message>
    <message>
        <source>Branched from a conversation since deleted</source>
        <translation>分支自一個已刪除的對話</translation>
    </message>
    <message>
        <source>Branched from {0}</source>
        <translation>分支自 {0}</translation>
    </message>
</context>
<context>
    <name>MessageInput</name>
    <message>
        <source>Message</source>
        <translation>訊息</translation>
    </message>
    <message>
        <source>Message  (Ctrl+Enter to send)</source>
        <translation>輸入訊息（Ctrl+Enter 傳送）</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <source>The version before</source>
        <translation>上一個版本</translation>
    </message>
    <message>
        <source>The next version</source>
        <translation>下一個版本</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Copy the message as markdown</source>
        <translation>以 Markdown 格式複製這則訊息</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編輯</translation>
    </message>
    <message>
        <source>Edit this message: its answer comes as a version</source>
        <translation>編輯這則訊息：新的回答會儲存為一個版本</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新產生</translation>
    </message>
    <message>
        <source>Ask for another answer; this one stays as a version (Ctrl+R)</source>
        <translation>重新產生回答，目前的回答保留為一個版本（Ctrl+R）</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>分支</translation>
    </message>
    <message>
        <source>Start a new conversation from here</source>
        <translation>從這裡開始一個新對話</translation>
    </message>
    <message>
        <source>Ask again of the next model up the routing ladder (routing.toml); this answer stays, as a version. The figure is this answer&apos;s tokens on that model.</source>
        <translation>向路由階梯上的下一個更強模型再問一次（routing.toml）；這則回答會保留為一個版本。金額按這則回答的 token 數在該模型上計算。</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系統</translation>
    </message>
    <message>
        <source>rule: {}</source>
        <translation>規則：{}</translation>
    </message>
    <message>
        <source>stronger model</source>
        <translation>更強模型</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Reasoning ▾</source>
        <translation>思考過程 ▾</translation>
    </message>
    <message>
        <source>Reasoning ▸</source>
        <translation>思考過程 ▸</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Cut off: {}</source>
        <translation>已中斷：{}</translation>
    </message>
    <message>
        <source>Cut off</source>
        <translation>已中斷</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>The request failed.</source>
        <translation>請求失敗。</translation>
    </message>
</context>
<context>
    <name>ModelChart</name>
    <message>
        <source>Spend per model</source>
        <translation>各模型花費</translation>
    </message>
    <message>
        <source>No answer with a known price in this month.</source>
        <translation>本月沒有已知價格的回答。</translation>
    </message>
    <message>
        <source>{} answer</source>
        <translation>{} 則回答</translation>
    </message>
    <message>
        <source>{} answers</source>
        <translation>{} 則回答</translation>
    </message>
    <message>
        <source>{model}, {answers}</source>
        <translation>{model}，{answers}</translation>
    </message>
</context>
<context>
    <name>ModelLists</name>
    <message>
        <source>Refresh models</source>
        <translation>重新整理模型清單</translation>
    </message>
    <message>
        <source>Ask each provider which models it serves (F5)</source>
        <translation>向每個服務供應商查詢它提供的模型（F5）</translation>
    </message>
    <message>
        <source>There is no provider to ask for models yet: add one in Settings.</source>
        <translation>還沒有可以取得模型清單的服務商：請先在設定中新增一個。</translation>
    </message>
    <message>
        <source>Models refreshed: {}.</source>
        <translation>模型清單已重新整理：{}。</translation>
    </message>
    <message>
        <source>Refreshing models…</source>
        <translation>正在重新整理模型清單…</translation>
    </message>
    <message>
        <source>Cannot save the model lists to {path}: {error}.</source>
        <translation>無法把模型清單儲存到 {path}：{error}。</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Type a model&apos;s name</source>
        <translation>輸入模型名稱</translation>
    </message>
    <message>
        <source>Pick a model, or type its name</source>
        <translation>選擇一個模型，或輸入模型名稱</translation>
    </message>
</context>
<context>
    <name>MoneyChart</name>
    <message>
        <source>{about}: {amount}</source>
        <translation>{about}：{amount}</translation>
    </message>
    <message>
        <source> ({} of it estimated)</source>
        <translation>（其中 {} 為估算）</translation>
    </message>
</context>
<context>
    <name>MoneyPage</name>
    <message>
        <source>The Money tab shows the defaults; saving a change there replaces the file.</source>
        <translation>「貨幣與預算」頁顯示的是預設值；在那裡儲存變更會取代該檔案。</translation>
    </message>
    <message>
        <source>US dollars ($)</source>
        <translation>美元 ($)</translation>
    </message>
    <message>
        <source>Chinese yuan (¥)</source>
        <translation>人民幣 (¥)</translation>
    </message>
    <message>
        <source>e.g. 7.3</source>
        <translation>例如 7.3</translation>
    </message>
    <message>
        <source>Yuan per US dollar</source>
        <translation>1 美元兌人民幣匯率</translation>
    </message>
    <message>
        <source>relay billing</source>
        <translation>中轉計費</translation>
    </message>
    <message>
        <source>bank rate</source>
        <translation>銀行匯率</translation>
    </message>
    <message>
        <source>no budget</source>
        <translation>不設預算</translation>
    </message>
    <message>
        <source>Monthly budget</source>
        <translation>每月預算</translation>
    </message>
    <message>
        <source>Daily budget</source>
        <translation>每日預算</translation>
    </message>
    <message>
        <source>{rate} ({what})</source>
        <translation>{rate}（{what}）</translation>
    </message>
    <message>
        <source>Show money in:</source>
        <translation>金額顯示為：</translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation>匯率(&amp;R)：</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>貨幣</translation>
    </message>
    <message>
        <source>&amp;Monthly budget:</source>
        <translation>每月預算(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Daily budget:</source>
        <translation>每日預算(&amp;D)：</translation>
    </message>
    <message>
        <source>Budgets</source>
        <translation>預算</translation>
    </message>
    <message>
        <source>yuan (¥)</source>
        <translation>元 (¥)</translation>
    </message>
    <message>
        <source>Prices stay in US dollars, as providers publish them; costs and budgets are shown in yuan at this rate. A relay that bills ¥1 for each $1 of its prices (HolySheep) means 1; paying by card at the bank&apos;s rate means about 7.3.</source>
        <translation>價格仍依服務供應商公布的美元標價；費用和預算依此匯率以人民幣顯示。中轉服務依標價每 $1 收 ¥1（如 HolySheep）時填 1；依銀行匯率刷卡付款時約為 7.3。</translation>
    </message>
    <message>
        <source>Leave a budget empty for none. Tally warns when {} % of a budget is spent; at 100 % it stops sending, and you can still send one message at a time by confirming it.</source>
        <translation>留空表示不設預算。預算用到 {} % 時 Tally 會提醒；到 100 % 時停止傳送，但你仍可逐則確認後傳送。</translation>
    </message>
    <message>
        <source>The rate “{text}” {reason}: type how many yuan one US dollar buys, like 7.3 (or 1 for a relay that bills ¥1 = $1).</source>
        <translation>匯率「{text}」{reason}：請填 1 美元可兌換多少人民幣，例如 7.3（依 ¥1 = $1 計費的中轉服務填 1）。</translation>
    </message>
    <message>
        <source>Type how many yuan one US dollar buys, more than 0: 7.3 at the bank&apos;s rate, or 1 for a relay that bills ¥1 = $1.</source>
        <translation>請填 1 美元可兌換多少人民幣，須大於 0：依銀行匯率填 7.3，依 ¥1 = $1 計費的中轉服務填 1。</translation>
    </message>
    <message>
        <source>The monthly budget “{text}” {reason}: type an amount like {symbol}20, or leave it empty for no budget.</source>
        <translation>每月預算「{text}」{reason}：請填寫金額，例如 {symbol}20；留空表示不設預算。</translation>
    </message>
    <message>
        <source>A monthly budget must be more than {symbol}0: leave it empty for no budget.</source>
        <translation>每月預算必須大於 {symbol}0；留空表示不設預算。</translation>
    </message>
    <message>
        <source>The daily budget “{text}” {reason}: type an amount like {symbol}20, or leave it empty for no budget.</source>
        <translation>每日預算「{text}」{reason}：請填寫金額，例如 {symbol}20；留空表示不設預算。</translation>
    </message>
    <message>
        <source>A daily budget must be more than {symbol}0: leave it empty for no budget.</source>
        <translation>每日預算必須大於 {symbol}0；留空表示不設預算。</translation>
    </message>
</context>
<context>
    <name>NetworkDraft</name>
    <message>
        <source>A password needs a proxy URL with a user name in it.</source>
        <translation>填寫密碼需要代理網址中包含使用者名稱。</translation>
    </message>
    <message>
        <source>The proxy&apos;s port must be a number from 1 to 65535, as in {0} or {1}.</source>
        <translation>代理連接埠必須是 1 到 65535 之間的數字，例如 {0} 或 {1}。</translation>
    </message>
    <message>
        <source>The proxy must be a URL such as {0} or {1} (http, https or socks5).</source>
        <translation>代理必須是形如 {0} 或 {1} 的網址（http、https 或 socks5）。</translation>
    </message>
    <message>
        <source>Leave the password out of the proxy URL: type it in the password field, which keeps it in the keyring.</source>
        <translation>請不要把密碼寫在代理網址裡：在密碼欄中填寫，它會儲存在系統鑰匙圈中。</translation>
    </message>
    <message>
        <source>Put the proxy&apos;s user name in its URL, as in http://alice@proxy.example.com:3128: the password is sent only with a user name.</source>
        <translation>請把代理的使用者名稱寫進網址，例如 http://alice@proxy.example.com:3128：只有帶使用者名稱時才會傳送密碼。</translation>
    </message>
    <message>
        <source>A SOCKS proxy needs its port, as in socks5://proxy.example.com:1080.</source>
        <translation>SOCKS 代理需要填寫連接埠，例如 socks5://proxy.example.com:1080。</translation>
    </message>
</context>
<context>
    <name>NetworkFields</name>
    <message>
        <source>An empty proxy means the system&apos;s settings: HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY, else the operating system&apos;s proxy; a server on this computer is always reached directly. A user name goes in the URL, as in socks5://alice@proxy.example.com:1080; the password is kept in the OS keyring, never in providers.toml. The CA bundle (PEM) adds a corporate network&apos;s or a private server&apos;s authority to the usual ones.</source>
        <translation>代理留空即使用系統設定：HTTPS_PROXY、HTTP_PROXY、ALL_PROXY 和 NO_PROXY，沒有則用作業系統的代理；本機上的伺服器一律直接連線。使用者名稱寫在網址裡，例如 socks5://alice@proxy.example.com:1080；密碼儲存在系統鑰匙圈中，不會寫入 providers.toml。CA 憑證（PEM）會在常用憑證機構之外，再信任公司網路或私人伺服器的憑證機構。</translation>
    </message>
    <message>
        <source>http://, https:// or socks5://, e.g. socks5://alice@proxy.example.com:1080</source>
        <translation>http://、https:// 或 socks5://，例如 socks5://alice@proxy.example.com:1080</translation>
    </message>
    <message>
        <source>A PEM file (or a folder of them) of certificate authorities to trust as well</source>
        <translation>額外信任的憑證機構：一個 PEM 檔案（或存放 PEM 檔案的資料夾）</translation>
    </message>
    <message>
        <source>System settings</source>
        <translation>系統設定</translation>
    </message>
    <message>
        <source>Proxy URL</source>
        <translation>代理網址</translation>
    </message>
    <message>
        <source>Proxy password</source>
        <translation>代理密碼</translation>
    </message>
    <message>
        <source>Sent to the proxy only; kept in the OS keyring</source>
        <translation>只傳送給代理；儲存在系統鑰匙圈中</translation>
    </message>
    <message>
        <source>CA bundle file</source>
        <translation>CA 憑證檔案</translation>
    </message>
    <message>
        <source>The usual certificate authorities</source>
        <translation>常用憑證機構</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>代理(&amp;P)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密碼(&amp;W)：</translation>
    </message>
    <message>
        <source>CA &amp;bundle:</source>
        <translation>CA 憑證(&amp;B)：</translation>
    </message>
    <message>
        <source>Needs a user name in the proxy URL</source>
        <translation>需要代理網址中包含使用者名稱</translation>
    </message>
    <message>
        <source>{} (stored in the keyring)</source>
        <translation>{}（已儲存在鑰匙圈中）</translation>
    </message>
    <message>
        <source>Checking the keyring…</source>
        <translation>正在檢查鑰匙圈…</translation>
    </message>
    <message>
        <source>The proxy&apos;s password, if it asks for one</source>
        <translation>代理的密碼（如需要）</translation>
    </message>
    <message>
        <source>proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>CA 憑證</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Network ({})</source>
        <translation>網路（{}）</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>網路</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>憑證 (*.pem *.crt *.cer);;所有檔案 (*)</translation>
    </message>
</context>
<context>
    <name>ParametersForm</name>
    <message>
        <source>Default</source>
        <translation>預設</translation>
    </message>
    <message>
        <source>None: plain chat</source>
        <translation>無：一般對話</translation>
    </message>
    <message>
        <source>Lower is steadier, higher more varied (0 to 2). Default: the model&apos;s own.</source>
        <translation>越低越穩定，越高越多變（0 到 2）。預設：模型自己的設定。</translation>
    </message>
    <message>
        <source>Sample only from the likeliest tokens up to this share (0 to 1).</source>
        <translation>只從累計機率達到此比例的最可能 token中取樣（0 到 1）。</translation>
    </message>
    <message>
        <source>The longest answer, in tokens</source>
        <translation>回答的最大長度（token 數）</translation>
    </message>
    <message>
        <source>Provider&apos;s setting</source>
        <translation>服務商的設定</translation>
    </message>
    <message>
        <source>The model&apos;s thinking, up to this many tokens (where the API asks for it)</source>
        <translation>模型的思考，最多這麼多 token（在 API 需要指定時）</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>How many past questions and answers go with each message; fewer cost less</source>
        <translation>每則訊息附帶多少輪先前的問答；越少越省錢</translation>
    </message>
    <message>
        <source>&amp;System prompt:</source>
        <translation>系統提示詞(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>溫度(&amp;T)：</translation>
    </message>
    <message>
        <source>To&amp;p P:</source>
        <translation>Top P(&amp;P)：</translation>
    </message>
    <message>
        <source>Most to&amp;kens:</source>
        <translation>最大 token 數(&amp;K)：</translation>
    </message>
    <message>
        <source>T&amp;hinking budget:</source>
        <translation>思考預算(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Past turns sent:</source>
        <translation>傳送的歷史輪數(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>ParametersPanel</name>
    <message>
        <source>Reset</source>
        <translation>重設</translation>
    </message>
    <message>
        <source>Back to the assistant&apos;s parameters</source>
        <translation>恢復為助理的參數</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>預設</translation>
    </message>
    <message>
        <source>This conversation&apos;s parameters (assistant: {})</source>
        <translation>本對話的參數（助理：{}）</translation>
    </message>
</context>
<context>
    <name>PickerRows</name>
    <message>
        <source>no models yet: Refresh models, or type a model&apos;s name above</source>
        <translation>還沒有模型：請重新整理模型清單，或在上方輸入模型名稱</translation>
    </message>
    <message>
        <source>{money} this message · {price}</source>
        <translation>本則訊息 {money} · {price}</translation>
    </message>
    <message>
        <source>{price} input / output ({origin})</source>
        <translation>{price} 輸入 / 輸出（{origin}）</translation>
    </message>
    <message>
        <source>in your providers file</source>
        <translation>來自你的服務商設定檔</translation>
    </message>
    <message>
        <source>typed by you</source>
        <translation>由你手動輸入</translation>
    </message>
    <message>
        <source>listed by {}</source>
        <translation>由 {} 提供的清單</translation>
    </message>
    <message>
        <source>{model} via {provider}</source>
        <translation>{model}，透過 {provider}</translation>
    </message>
    <message>
        <source>{}: models from your providers file (Refresh models to ask it)</source>
        <translation>{}：模型來自你的服務商設定檔（重新整理模型清單即可向它取得）</translation>
    </message>
    <message>
        <source>{name}: list fetched today, {time}</source>
        <translation>{name}：清單於今天取得，{time}</translation>
    </message>
    <message>
        <source>{name}: list fetched a day ago, {time}</source>
        <translation>{name}：清單於一天前取得，{time}</translation>
    </message>
    <message>
        <source>{name}: list fetched {days} days ago, {time}</source>
        <translation>{name}：清單於 {days} 天前取得，{time}</translation>
    </message>
</context>
<context>
    <name>PriceRows</name>
    <message>
        <source>input</source>
        <translation>輸入</translation>
    </message>
    <message>
        <source>cached input</source>
        <translation>快取輸入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>輸出</translation>
    </message>
    <message>
        <source>cache write</source>
        <translation>快取寫入</translation>
    </message>
    <message>
        <source>reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>your price: type the {} too</source>
        <translation>你的價格：還需填寫{}價格</translation>
    </message>
    <message>
        <source>your price: type the input and output too</source>
        <translation>你的價格：還需填寫輸入和輸出價格</translation>
    </message>
    <message>
        <source>your price</source>
        <translation>你的價格</translation>
    </message>
    <message>
        <source>your price (not in the models list)</source>
        <translation>你的價格（不在模型清單中）</translation>
    </message>
    <message>
        <source>Remove your price</source>
        <translation>移除你的價格</translation>
    </message>
    <message>
        <source>Reset to {}</source>
        <translation>重設為{}</translation>
    </message>
    <message>
        <source>price unknown</source>
        <translation>價格未知</translation>
    </message>
    <message>
        <source>free (local)</source>
        <translation>免費（本機）</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>不是數字</translation>
    </message>
    <message>
        <source>has more than {} digits</source>
        <translation>超過 {} 位數字</translation>
    </message>
    <message>
        <source>is far too large</source>
        <translation>太大了</translation>
    </message>
    <message>
        <source>The {figure} price of {model}: “{text}” {reason}. Type US dollars per million tokens, like 0.27.</source>
        <translation>{model} 的{figure}價格：「{text}」{reason}。請填寫每百萬 tokens 的美元價格，例如 0.27。</translation>
    </message>
    <message>
        <source>The {figure} price of {model} cannot be negative.</source>
        <translation>{model} 的{figure}價格不能為負數。</translation>
    </message>
    <message>
        <source>The {figure} price of {model} cannot be empty. To drop your price, use “{reset}”.</source>
        <translation>{model} 的{figure}價格不能為空。要移除你的價格，請使用「{reset}」。</translation>
    </message>
</context>
<context>
    <name>PriceTable</name>
    <message>
        <source>Input</source>
        <translation>輸入</translation>
    </message>
    <message>
        <source>Cached input</source>
        <translation>快取輸入</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>輸出</translation>
    </message>
    <message>
        <source>Cache write</source>
        <translation>快取寫入</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>&lt;b&gt;Prices&lt;/b&gt; in US dollars per million tokens</source>
        <translation>&lt;b&gt;價格&lt;/b&gt;（美元 / 百萬 tokens）</translation>
    </message>
    <message>
        <source>Cache-write and reasoning prices</source>
        <translation>快取寫入和推理價格</translation>
    </message>
    <message>
        <source>Show the prices some providers bill apart</source>
        <translation>顯示部分服務供應商另外計費的價格</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重設</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>價格</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>US dollars per million {} tokens</source>
        <translation>每百萬{} tokens 的美元價格</translation>
    </message>
    <message>
        <source>Price from</source>
        <translation>價格來源</translation>
    </message>
    <message>
        <source>No models listed, so Tally uses the server&apos;s list. Type the model names above (or Test connection, then Use these models) to see and set their prices.</source>
        <translation>未列出模型，Tally 將使用伺服器提供的清單。在上方填寫模型名稱（或先「測試連線」，再「使用這些模型」），即可檢視和設定它們的價格。</translation>
    </message>
    <message>
        <source>Double-click a figure to use your own price for that model. Models with no known price show “price unknown”, never $0.</source>
        <translation>按兩下價格即可為該模型填寫你自己的價格。價格未知的模型顯示「價格未知」，而不是 $0。</translation>
    </message>
    <message>
        <source>Select a price you set to reset it</source>
        <translation>選取你設定的價格即可重設</translation>
    </message>
    <message>
        <source>as {}</source>
        <translation>同{}</translation>
    </message>
    <message>
        <source>Nobody publishes a price for this model here: type one to count its cost.</source>
        <translation>這裡沒有這個模型的公開價格：填寫一個價格即可計算費用。</translation>
    </message>
    <message>
        <source>{} in, {} out (USD / 1M)</source>
        <translation>輸入 {}，輸出 {}（USD / 1M）</translation>
    </message>
</context>
<context>
    <name>PromptEstimate</name>
    <message>
        <source> ({}: price unknown)</source>
        <translation>（{}：價格未知）</translation>
    </message>
    <message>
        <source>To send: ≈{tokens:,} tokens with the context to each of {count} models, {money} in all{note} before the answers</source>
        <translation>待傳送：連同上下文約 {tokens:,} tokens，傳給 {count} 個模型，合計 {money}{note}（不含回答）</translation>
    </message>
    <message>
        <source>To send: ≈{tokens:,} tokens with the context, {money} on {model} before the answer</source>
        <translation>待傳送：連同上下文約 {tokens:,} tokens，在 {model} 上 {money}（不含回答）</translation>
    </message>
</context>
<context>
    <name>ProviderDraft</name>
    <message>
        <source>Give the provider a name.</source>
        <translation>請為服務供應商取個名稱。</translation>
    </message>
    <message>
        <source>The base URL of {} must start with http:// or https:// and name a host, like https://api.openai.com/v1.</source>
        <translation>{} 的 API 網址必須以 http:// 或 https:// 開頭並包含主機名稱，例如 https://api.openai.com/v1。</translation>
    </message>
    <message>
        <source>{} is not a variable name: use letters, digits and _ only.</source>
        <translation>{} 不是有效的變數名稱：只能使用字母、數字和 _。</translation>
    </message>
    <message>
        <source>output</source>
        <translation>輸出</translation>
    </message>
    <message>
        <source>input</source>
        <translation>輸入</translation>
    </message>
    <message>
        <source>input and output</source>
        <translation>輸入和輸出</translation>
    </message>
    <message>
        <source>The price of {model} at {name} needs the {figure} figure too: type it, or clear the figures you typed.</source>
        <translation>{name} 上 {model} 的價格還缺少{figure}價格：請補上，或清除你已填寫的價格。</translation>
    </message>
    <message>
        <source>Anthropic needs a thinking budget of at least {least} tokens ({name} has {budget}).</source>
        <translation>Anthropic 要求思考預算至少為 {least} tokens（{name} 目前為 {budget}）。</translation>
    </message>
    <message>
        <source>{}: {}</source>
        <translation>{}：{}</translation>
    </message>
    <message>
        <source>Connected, but the server lists no models. Type the model names above.</source>
        <translation>已連線，但伺服器沒有列出任何模型。請在上方填寫模型名稱。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Connected: {count} models: {shown}, and {more} more.</source>
        <translation>已連線：共 {count} 個模型：{shown}，另有 {more} 個。</translation>
    </message>
    <message>
        <source>Connected: 1 model: {shown}.</source>
        <translation>已連線：1 個模型：{shown}。</translation>
    </message>
    <message>
        <source>Connected: {count} models: {shown}.</source>
        <translation>已連線：共 {count} 個模型：{shown}。</translation>
    </message>
</context>
<context>
    <name>ProviderForm</name>
    <message>
        <source>OpenAI-compatible</source>
        <translation>OpenAI 相容</translation>
    </message>
    <message>
        <source>Anthropic Messages</source>
        <translation>Anthropic Messages</translation>
    </message>
    <message>
        <source>Gemini (native)</source>
        <translation>Gemini（原生）</translation>
    </message>
    <message>
        <source>e.g. My relay</source>
        <translation>例如：我的中轉服務</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>介面類型</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>API 網址</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 金鑰</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>顯示</translation>
    </message>
    <message>
        <source>Show the key (read from the keyring)</source>
        <translation>顯示金鑰（從鑰匙圈讀取）</translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation>移除金鑰</translation>
    </message>
    <message>
        <source>Delete the stored key when you save</source>
        <translation>儲存時刪除已儲存的金鑰</translation>
    </message>
    <message>
        <source>Use this key only for this session</source>
        <translation>僅在本次執行中使用此金鑰</translation>
    </message>
    <message>
        <source>Kept in memory until Tally quits; never written down</source>
        <translation>只保存在記憶體中，直到 Tally 結束；不會寫入任何地方</translation>
    </message>
    <message>
        <source>Key from environment variable</source>
        <translation>金鑰所在的環境變數</translation>
    </message>
    <message>
        <source>Optional, e.g. OPENAI_API_KEY; used when it is set</source>
        <translation>選填，例如 OPENAI_API_KEY；設定了該變數時使用</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>One per line or separated by commas. Leave empty to use the server&apos;s list.</source>
        <translation>每行一個，或用逗號分隔。留空則使用伺服器提供的清單。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>測試連線</translation>
    </message>
    <message>
        <source>Use these models</source>
        <translation>使用這些模型</translation>
    </message>
    <message>
        <source>Put the models found into the Models field</source>
        <translation>把找到的模型填入「模型」欄</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名稱(&amp;N)：</translation>
    </message>
    <message>
        <source>ID:</source>
        <translation>識別碼：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>介面類型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>API 網址(&amp;B)：</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API 金鑰(&amp;K)：</translation>
    </message>
    <message>
        <source>Key from &amp;env var:</source>
        <translation>金鑰環境變數(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Models:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Thinking:</source>
        <translation>思考(&amp;T)：</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>價格</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>網路</translation>
    </message>
    <message>
        <source>{}  (the keyring entry&apos;s name)</source>
        <translation>{}（鑰匙圈中項目的名稱）</translation>
    </message>
    <message>
        <source>made from the name when you save</source>
        <translation>儲存時依名稱產生</translation>
    </message>
    <message>
        <source>None (the stored key is deleted when you save)</source>
        <translation>無（儲存時刪除已儲存的金鑰）</translation>
    </message>
    <message>
        <source>{} (stored in the keyring)</source>
        <translation>{}（已儲存在鑰匙圈中）</translation>
    </message>
    <message>
        <source>{} (kept for this session only)</source>
        <translation>{}（僅在本次執行中保留）</translation>
    </message>
    <message>
        <source>Checking the keyring…</source>
        <translation>正在檢查鑰匙圈…</translation>
    </message>
    <message>
        <source>Usually not needed for a local server</source>
        <translation>本機伺服器通常不需要</translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation>貼上 API 金鑰</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隱藏</translation>
    </message>
</context>
<context>
    <name>RepricePicker</name>
    <message>
        <source>Another model, e.g. claude-opus-4-1</source>
        <translation>其他模型，例如 claude-opus-4-1</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>No price is known for “{}”.</source>
        <translation>「{}」的價格未知。</translation>
    </message>
    <message>
        <source>{price}, from {origin}</source>
        <translation>{price}，來源：{origin}</translation>
    </message>
</context>
<context>
    <name>RoutingPage</name>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編輯…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Restore the shipped rules</source>
        <translation>恢復內建規則</translation>
    </message>
    <message>
        <source>Start from the shipped rules</source>
        <translation>從內建規則開始</translation>
    </message>
    <message>
        <source>Routing rules, first match wins</source>
        <translation>路由規則，第一條符合的生效</translation>
    </message>
    <message>
        <source>The first rule whose conditions all hold picks the model of “Auto (rules)”. Drag a rule, or use Move up and Move down, to change the order.</source>
        <translation>「自動（規則）」使用第一條所有條件都滿足的規則所選的模型。拖曳規則，或用「上移」「下移」改變順序。</translation>
    </message>
    <message>
        <source>The file is left as it is: fix it by hand and open Settings again, or start from the shipped rules (the file is replaced only when you then save).</source>
        <translation>該檔案保持原樣：請手動修正後重新開啟設定，或從內建規則開始（只有隨後儲存時才會替換該檔案）。</translation>
    </message>
</context>
<context>
    <name>RoutingWords</name>
    <message>
        <source>{low} to {high} tokens</source>
        <translation>{low} 到 {high} 個 token</translation>
    </message>
    <message>
        <source>at least {} tokens</source>
        <translation>至少 {} 個 token</translation>
    </message>
    <message>
        <source>at most {} tokens</source>
        <translation>至多 {} 個 token</translation>
    </message>
    <message>
        <source>an image attached</source>
        <translation>附有圖片</translation>
    </message>
    <message>
        <source>no image</source>
        <translation>無圖片</translation>
    </message>
    <message>
        <source>holds code</source>
        <translation>包含程式碼</translation>
    </message>
    <message>
        <source>no code</source>
        <translation>不含程式碼</translation>
    </message>
    <message>
        <source>matches {}</source>
        <translation>符合 {}</translation>
    </message>
    <message>
        <source>in Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>in English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>asked as {}</source>
        <translation>助理為 {}</translation>
    </message>
    <message>
        <source>every question</source>
        <translation>所有問題</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>RuleForm</name>
    <message>
        <source>Edit rule</source>
        <translation>編輯規則</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>新增規則</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>e.g. Code</source>
        <translation>例如：程式碼</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>provider/model</source>
        <translation>服務商/模型</translation>
    </message>
    <message>
        <source>At least, tokens</source>
        <translation>至少多少 token</translation>
    </message>
    <message>
        <source>At most, tokens</source>
        <translation>至多多少 token</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>any text (a regular expression)</source>
        <translation>任意文字（正規表示式）</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名稱：</translation>
    </message>
    <message>
        <source>Picks:</source>
        <translation>選用：</translation>
    </message>
    <message>
        <source>Conditions (all must hold; none: every question):</source>
        <translation>條件（須全部滿足；不設條件則符合所有問題）：</translation>
    </message>
    <message>
        <source>At least:</source>
        <translation>至少：</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>至多：</translation>
    </message>
    <message>
        <source>Has an image:</source>
        <translation>附有圖片：</translation>
    </message>
    <message>
        <source>Holds code:</source>
        <translation>包含程式碼：</translation>
    </message>
    <message>
        <source>Matches:</source>
        <translation>符合：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>語言：</translation>
    </message>
    <message>
        <source>Assistant:</source>
        <translation>助理：</translation>
    </message>
    <message>
        <source>Give the rule a name.</source>
        <translation>請給規則取個名稱。</translation>
    </message>
    <message>
        <source>Another rule is named “{}”.</source>
        <translation>已有另一條規則名為「{}」。</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>條件</translation>
    </message>
    <message>
        <source>Picks</source>
        <translation>選用</translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <source>Search results</source>
        <translation>搜尋結果</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>No OS keyring is available, so keys cannot be saved. Tick “Use this key only for this session” to keep a key in memory until Tally quits, or put the key in an environment variable and name it under “Key from env var”.</source>
        <translation>沒有可用的系統鑰匙圈，因此無法儲存金鑰。勾選「僅在本次執行中使用此金鑰」可把金鑰保存在記憶體中直到 Tally 結束；也可以把金鑰放進環境變數，並在「金鑰環境變數」中填寫變數名稱。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Saving keeps that file as {0}.bak (or .bak.2, …) and writes a new one.</source>
        <translation>儲存時會把原檔案保留為 {0}.bak（或 .bak.2 等），再寫入新檔案。</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>服務供應商</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Any OpenAI-compatible server</source>
        <translation>任何 OpenAI 相容伺服器</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>No providers yet. Click “Add…” to pick a relay, OpenAI, DeepSeek, OpenRouter, Gemini, a server on this computer (Ollama, LM Studio), or any other OpenAI-compatible address.</source>
        <translation>還沒有服務供應商。按一下「新增…」選擇中轉服務、OpenAI、DeepSeek、OpenRouter、Gemini、本機上的伺服器（Ollama、LM Studio），或任何其他 OpenAI 相容網址。</translation>
    </message>
    <message>
        <source>Providers and prices</source>
        <translation>服務供應商與價格</translation>
    </message>
    <message>
        <source>Money and budgets</source>
        <translation>貨幣與預算</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>路由規則</translation>
    </message>
    <message>
        <source>this provider</source>
        <translation>這個服務供應商</translation>
    </message>
    <message>
        <source>Remove provider</source>
        <translation>移除服務供應商</translation>
    </message>
    <message>
        <source>Remove {}? Its stored API key is deleted too when you save.</source>
        <translation>移除 {}？儲存時也會刪除它已儲存的 API 金鑰。</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>（尚未命名）</translation>
    </message>
    <message>
        <source>(no base URL yet)</source>
        <translation>（尚未填寫 API 網址）</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>測試中…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>儲存中…</translation>
    </message>
    <message>
        <source>Custom (any OpenAI-compatible server)</source>
        <translation>自訂（任何 OpenAI 相容伺服器）</translation>
    </message>
</context>
<context>
    <name>SpendingDialog</name>
    <message>
        <source>Nothing spent yet.

Every answer&apos;s cost is kept in the history, and this view shows it per day and per model once there is some.</source>
        <translation>還沒有任何花費。

每則回答的費用都會記錄在歷史紀錄中，有了花費後，這裡會依日期和依模型顯示。</translation>
    </message>
    <message>
        <source>Spending</source>
        <translation>費用</translation>
    </message>
    <message>
        <source>With my rules</source>
        <translation>按我的規則</translation>
    </message>
    <message>
        <source>The month again, each answer on the model your routing rules pick</source>
        <translation>重算本月：每條回答改用你的路由規則選的模型</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Spend per day, last 30 days</source>
        <translation>每日花費（最近 30 天）</translation>
    </message>
    <message>
        <source>Spend per day</source>
        <translation>每日花費</translation>
    </message>
    <message>
        <source>Spend per model, {}</source>
        <translation>各模型花費（{}）</translation>
    </message>
    <message>
        <source>What would {} have cost on…</source>
        <translation>{}改用以下模型要花多少…</translation>
    </message>
    <message>
        <source>{} answer</source>
        <translation>{} 則回答</translation>
    </message>
    <message>
        <source>{} answers</source>
        <translation>{} 則回答</translation>
    </message>
    <message>
        <source>{month}: &lt;b&gt;{total}&lt;/b&gt; in {answers} · Today: &lt;b&gt;{today}&lt;/b&gt;</source>
        <translation>{month}：&lt;b&gt;{total}&lt;/b&gt;，共 {answers} · 今天：&lt;b&gt;{today}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Input counts cached input too; output counts reasoning too.</source>
        <translation>輸入包含快取輸入；輸出包含推理。</translation>
    </message>
    <message>
        <source>≈ and lighter bars: estimated from the length of the text, where the provider reported no usage.</source>
        <translation>≈ 和淺色長條：服務供應商未回傳用量時，依文字長度估算。</translation>
    </message>
    <message>
        <source>1 answer had no known price: not in the cost, but their tokens are in the re-priced columns.</source>
        <translation>1 則回答的價格未知：未計入費用，但其 tokens 已計入換算欄。</translation>
    </message>
    <message>
        <source>{} answers had no known price: not in the cost, but their tokens are in the re-priced columns.</source>
        <translation>{} 則回答的價格未知：未計入費用，但其 tokens 已計入換算欄。</translation>
    </message>
</context>
<context>
    <name>SpendingTable</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服務供應商</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>回答數</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>輸入</translation>
    </message>
    <message>
        <source>Cached</source>
        <translation>快取</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>輸出</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>費用</translation>
    </message>
    <message>
        <source>On {}</source>
        <translation>改用 {}</translation>
    </message>
    <message>
        <source>{price}, from {origin}</source>
        <translation>{price}，來源：{origin}</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>failed before the first token</source>
        <translation>在首字之前失敗</translation>
    </message>
    <message>
        <source>stopped before the first token</source>
        <translation>在首字之前停止</translation>
    </message>
    <message>
        <source>waiting for the first token… {:.1f} s</source>
        <translation>等待首字… {:.1f} 秒</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>沒有回答</translation>
    </message>
    <message>
        <source>first token {:.2f} s</source>
        <translation>首字 {:.2f} 秒</translation>
    </message>
    <message>
        <source>{}{:.0f} tokens/s</source>
        <translation>{}{:.0f} tokens/秒</translation>
    </message>
    <message>
        <source>{}{} tokens out</source>
        <translation>輸出 {}{} tokens</translation>
    </message>
    <message>
        <source>{:.1f} s</source>
        <translation>{:.1f} 秒</translation>
    </message>
</context>
<context>
    <name>ThinkingField</name>
    <message>
        <source>Billed as output tokens; Anthropic needs {} at least.</source>
        <translation>依輸出 tokens 計費；Anthropic 要求至少 {}。</translation>
    </message>
    <message>
        <source>Billed as output tokens; the model uses as much of it as it needs.</source>
        <translation>依輸出 tokens 計費；模型依需要使用。</translation>
    </message>
    <message>
        <source>For Anthropic and Gemini providers; OpenAI-compatible servers ignore it.</source>
        <translation>用於 Anthropic 和 Gemini 服務供應商；OpenAI 相容伺服器會忽略此項。</translation>
    </message>
    <message>
        <source>Ask for the model&apos;s thinking</source>
        <translation>讓模型先思考</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>思考預算</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> tokens</translation>
    </message>
    <message>
        <source>Ask the model to think before answering, in up to this many tokens (Anthropic&apos;s thinking, Gemini&apos;s thoughts), shown above the answer and billed as output. Reasoning models of OpenAI-compatible servers think on their own.</source>
        <translation>讓模型在回答前先思考，最多使用這麼多 tokens（Anthropic 的 thinking、Gemini 的 thoughts），思考內容顯示在回答上方，依輸出計費。OpenAI 相容伺服器上的推理模型會自行思考。</translation>
    </message>
    <message>
        <source>Anthropic needs at least {} tokens.</source>
        <translation>Anthropic 要求至少 {} tokens。</translation>
    </message>
</context>
<context>
    <name>TryPrompt</name>
    <message>
        <source>A prompt to try</source>
        <translation>要試的提示詞</translation>
    </message>
    <message>
        <source>Type or paste a question…</source>
        <translation>輸入或貼上一個問題…</translation>
    </message>
    <message>
        <source>With an image</source>
        <translation>附帶圖片</translation>
    </message>
    <message>
        <source>Asked as</source>
        <translation>提問身分</translation>
    </message>
    <message>
        <source>No assistant</source>
        <translation>不用助理</translation>
    </message>
    <message>
        <source>Asked as:</source>
        <translation>助理：</translation>
    </message>
    <message>
        <source>&lt;b&gt;Try a prompt&lt;/b&gt;: which rule picks, and why</source>
        <translation>&lt;b&gt;試一個提示詞&lt;/b&gt;：哪條規則選中，為什麼</translation>
    </message>
    <message>
        <source>Type a question to see which rule picks its model.</source>
        <translation>輸入一個問題，看看哪條規則為它選模型。</translation>
    </message>
    <message>
        <source>No rule matches: the model picked in the window answers.</source>
        <translation>沒有規則符合：由視窗中選定的模型回答。</translation>
    </message>
    <message>
        <source>Picks &lt;b&gt;{model}&lt;/b&gt; (rule: {rule})</source>
        <translation>選用 &lt;b&gt;{model}&lt;/b&gt;（規則：{rule}）</translation>
    </message>
    <message>
        <source>✔ picks</source>
        <translation>✔ 選中</translation>
    </message>
    <message>
        <source>✔ matches, but an earlier rule picks</source>
        <translation>✔ 符合，但前面的規則已選中</translation>
    </message>
    <message>
        <source>✘ does not match</source>
        <translation>✘ 不符合</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>
&lt;h2&gt;Welcome to Tally&lt;/h2&gt;
&lt;p&gt;Tally talks to LLM APIs: a relay such as HolySheep (one key for DeepSeek, Gemini, GPT and
Claude), OpenAI, DeepSeek, OpenRouter, Gemini, or a model server on this computer (Ollama,
LM Studio).&lt;/p&gt;
&lt;p&gt;&lt;b&gt;To start, add a provider&lt;/b&gt;: pick a preset, paste your API key, and press
&lt;i&gt;Test connection&lt;/i&gt;. The key is kept in your system&apos;s keyring, never in a file.&lt;/p&gt;
&lt;p&gt;Or &lt;b&gt;try the offline demo&lt;/b&gt; first: simulated answers from a small server inside Tally, so you
can see streaming, reasoning and costs at work without an account. Nothing leaves this computer.&lt;/p&gt;
</source>
        <translation>
&lt;h2&gt;歡迎使用 Tally&lt;/h2&gt;
&lt;p&gt;Tally 可以串接各種大型語言模型 API：HolySheep 這類中轉服務（一把金鑰即可使用 DeepSeek、Gemini、GPT 和 Claude）、OpenAI、DeepSeek、OpenRouter、Gemini，或本機上的模型伺服器（Ollama、LM Studio）。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;開始使用，先新增一個服務供應商&lt;/b&gt;：選擇一個預設，貼上你的 API 金鑰，然後按一下&lt;i&gt;測試連線&lt;/i&gt;。金鑰儲存在系統鑰匙圈中，不會寫入任何檔案。&lt;/p&gt;
&lt;p&gt;也可以先&lt;b&gt;試用離線示範&lt;/b&gt;：由 Tally 內建的小型伺服器產生模擬回答，不需帳號即可看到串流輸出、推理過程和費用統計。所有資料都不會離開這台電腦。&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>Add a provider…</source>
        <translation>新增服務供應商…</translation>
    </message>
    <message>
        <source>Try the offline demo</source>
        <translation>試用離線示範</translation>
    </message>
</context>
</TS>
