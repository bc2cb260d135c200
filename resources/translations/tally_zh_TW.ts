<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
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
        <source>Import cancelled: nothing was imported.</source>
        <translation>匯入已取消：沒有匯入任何內容。</translation>
    </message>
    <message>
        <source>Exporting to {0}…</source>
        <translation>正在匯出到 {0}…</translation>
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
        <source>The message you were editing is in a version no longer shown: nothing was sent. Show its version again to edit it, or send your text as a new message.</source>
        <translation>你正在編輯的訊息所在的版本已不再顯示：沒有傳送任何內容。請重新顯示那個版本後再編輯，或把這段文字當作新訊息傳送。</translation>
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
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系統</translation>
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
        <source>Refreshing models…</source>
        <translation>正在重新整理模型清單…</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Type a model&apos;s name</source>
        <translation>輸入模型名稱</translation>
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
    <name>SettingsDialog</name>
    <message>
        <source>Saving keeps that file as {0}.bak (or .bak.2, …) and writes a new one.</source>
        <translation>儲存時會把原檔案保留為 {0}.bak（或 .bak.2 等），再寫入新檔案。</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般</translation>
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
    <name>UndoBar</name>
    <message>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
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
