<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Licence: MIT (the LICENSE file, shipped with the app).</source>
        <translation>许可证：MIT（见随应用附带的 LICENSE 文件）。</translation>
    </message>
    <message>
        <source>The notice is missing from this installation ({}).</source>
        <translation>此安装中缺少该声明（{}）。</translation>
    </message>
    <message>
        <source>About Tally</source>
        <translation>关于 Tally</translation>
    </message>
    <message>
        <source>Your conversations, settings and logs are in this folder:</source>
        <translation>你的对话、设置和日志都在这个文件夹里：</translation>
    </message>
    <message>
        <source>Prices come from a copy of genai-prices, under this licence:</source>
        <translation>价格数据来自 genai-prices 的副本，其许可证如下：</translation>
    </message>
    <message>
        <source>A desktop chat client for LLM APIs.</source>
        <translation>一款对接大模型 API 的桌面聊天客户端。</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
</context>
<context>
    <name>ArchiveHeading</name>
    <message>
        <source>Archived conversations</source>
        <translation>已归档的对话</translation>
    </message>
</context>
<context>
    <name>ArchiveToggle</name>
    <message>
        <source>Back to conversations</source>
        <translation>返回对话列表</translation>
    </message>
    <message>
        <source>Show the conversations that are not archived</source>
        <translation>显示未归档的对话</translation>
    </message>
    <message>
        <source>Archived ({})</source>
        <translation>已归档（{}）</translation>
    </message>
    <message>
        <source>Show the archived conversations</source>
        <translation>显示已归档的对话</translation>
    </message>
</context>
<context>
    <name>AssistantPicker</name>
    <message>
        <source>The assistant: a system prompt and parameters this conversation starts with</source>
        <translation>助手：本对话开始时使用的系统提示词和参数</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Plain chat: no system prompt</source>
        <translation>普通对话：没有系统提示词</translation>
    </message>
    <message>
        <source>Manage assistants…</source>
        <translation>管理助手…</translation>
    </message>
</context>
<context>
    <name>AssistantsDialog</name>
    <message>
        <source>Assistants</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>The model picked in the window</source>
        <translation>窗口中选择的模型</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>New assistant</source>
        <translation>新助手</translation>
    </message>
    <message>
        <source>Import assistants</source>
        <translation>导入助手</translation>
    </message>
    <message>
        <source>Assistants (*.toml *.json)</source>
        <translation>助手文件 (*.toml *.json)</translation>
    </message>
    <message>
        <source>Imported {added} of {count}; those with a name already here were left out.</source>
        <translation>已导入 {count} 个中的 {added} 个；与现有助手同名的未导入。</translation>
    </message>
    <message>
        <source>Export assistants</source>
        <translation>导出助手</translation>
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
        <translation>发送 PDF 文件本身（含页面和图片）而非其中的文本：Claude、Gemini 和 OpenAI 官方 API 能读取 PDF；其他模型可能会拒绝</translation>
    </message>
    <message>
        <source>sent as its text</source>
        <translation>以其中的文本发送</translation>
    </message>
</context>
<context>
    <name>AttachmentTray</name>
    <message>
        <source>Pasted image {}.png</source>
        <translation>粘贴的图片 {}.png</translation>
    </message>
</context>
<context>
    <name>AutoRoute</name>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Auto (rules): each message goes to the model its routing rule picks (routing.toml, Settings → Routing); the estimate names the model and the rule before sending. Picking a model turns it off.</source>
        <translation>自动（规则）：每条消息发给其路由规则选中的模型（routing.toml，设置 → 路由）；发送前，预估会写明模型和规则。手动选择模型即关闭自动。</translation>
    </message>
    <message>
        <source>Auto is not used for an edit or a comparison: the models picked answer</source>
        <translation>编辑或对比时不使用自动路由：由所选模型回答</translation>
    </message>
    <message>
        <source>Auto: the rule “{rule}” picks {model}</source>
        <translation>自动：规则“{rule}”选择 {model}</translation>
    </message>
    <message>
        <source>Auto: no rule matches; the model picked answers</source>
        <translation>自动：没有规则匹配，由所选模型回答</translation>
    </message>
    <message>
        <source>Auto cannot route: {}</source>
        <translation>自动路由无法进行：{}</translation>
    </message>
    <message>
        <source>Try {model} (cost unknown)</source>
        <translation>试试 {model}（费用未知）</translation>
    </message>
    <message>
        <source>Try {model} (+{money})</source>
        <translation>试试 {model}（+{money}）</translation>
    </message>
</context>
<context>
    <name>BacktestView</name>
    <message>
        <source>Per rule</source>
        <translation>各规则</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Picks</source>
        <translation>选用</translation>
    </message>
    <message>
        <source>Answers picked</source>
        <translation>选中的回答</translation>
    </message>
    <message>
        <source>As sent</source>
        <translation>实际发送</translation>
    </message>
    <message>
        <source>With the rules</source>
        <translation>用规则后</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Of the answers this rule picked when they were sent (with Auto), how many you asked a stronger model again</source>
        <translation>发送时由这条规则选定模型（自动）的回答中，有多少被你换更强的模型重问</translation>
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
        <translation>实际发送的回答</translation>
    </message>
    <message>
        <source>Answers with the rules</source>
        <translation>用规则后的回答</translation>
    </message>
    <message>
        <source>Working out {} with your rules…</source>
        <translation>正在按你的规则回测 {}…</translation>
    </message>
    <message>
        <source>Fix it in Settings → Routing to see the month with your rules.</source>
        <translation>请在“设置 → 路由规则”中修正，即可看到按你的规则计算的本月花费。</translation>
    </message>
    <message>
        <source>No answers with a cost in {}: nothing to try the rules on.</source>
        <translation>{} 没有计费的回答：无可回测。</translation>
    </message>
    <message>
        <source>with the shipped rules</source>
        <translation>按内置规则</translation>
    </message>
    <message>
        <source>with these rules</source>
        <translation>按这些规则</translation>
    </message>
    <message>
        <source>{month}: &lt;b&gt;{sent}&lt;/b&gt; as sent, &lt;b&gt;{routed}&lt;/b&gt; {whose}. {change}</source>
        <translation>{month}：实际 &lt;b&gt;{sent}&lt;/b&gt;，{whose} &lt;b&gt;{routed}&lt;/b&gt;。{change}</translation>
    </message>
    <message>
        <source>The rules would have saved {amount} ({share}%).</source>
        <translation>这些规则可省下 {amount}（{share}%）。</translation>
    </message>
    <message>
        <source>The rules would have cost {} more.</source>
        <translation>这些规则会多花 {}。</translation>
    </message>
    <message>
        <source>(no rule matched: as sent)</source>
        <translation>（没有规则匹配：按实际发送）</translation>
    </message>
    <message>
        <source>{} (not in the rules now)</source>
        <translation>{}（现已不在规则中）</translation>
    </message>
    <message>
        <source>No answer of the month was sent by this rule.</source>
        <translation>本月没有由这条规则发送的回答。</translation>
    </message>
    <message>
        <source>{escalated} of {answers} ({share}%)</source>
        <translation>{answers} 条中 {escalated} 条（{share}%）</translation>
    </message>
    <message>
        <source>⚠ {}: often</source>
        <translation>⚠ {}：经常</translation>
    </message>
    <message>
        <source>Its answers are often asked again of a stronger model: this rule&apos;s model is probably too cheap for its questions.</source>
        <translation>它的回答常被换更强的模型重问：这条规则的模型对这些问题可能太便宜了。</translation>
    </message>
    <message>
        <source>A what-if figure: each answer&apos;s own tokens re-priced on the model the rules pick for its question; nothing is billed or written.</source>
        <translation>这是假设的数字：每条回答的实际 token 按规则为其问题选的模型重新计价；不计费，也不写入任何内容。</translation>
    </message>
    <message>
        <source>Answers on a model of unknown price are not in the amounts (“+ N unpriced”): an unknown price is never counted as 0.</source>
        <translation>价格未知的模型的回答不计入金额（“+ N 条未定价”）：未知的价格绝不按 0 计算。</translation>
    </message>
    <message>
        <source>1 answer whose question is no longer in the history counts as sent.</source>
        <translation>1 条回答的问题已不在历史记录中，按实际发送计算。</translation>
    </message>
    <message>
        <source>{} answers whose question is no longer in the history count as sent.</source>
        <translation>{} 条回答的问题已不在历史记录中，按实际发送计算。</translation>
    </message>
</context>
<context>
    <name>CompareChoice</name>
    <message>
        <source>Compare with {}:</source>
        <translation>与 {} 对比：</translation>
    </message>
    <message>
        <source>Compare: {}</source>
        <translation>对比：{}</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Send to several models at once and see their answers side by side; tick up to {} models besides the one picked (or Ctrl+click them in the model list)</source>
        <translation>同时发给多个模型，并排查看它们的回答；除当前模型外最多再勾选 {} 个（也可在模型列表中按住 Ctrl 点击）</translation>
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
        <translation>只停止这个回答，其他回答继续</translation>
    </message>
    <message>
        <source>Continue with this one</source>
        <translation>用这个回答继续</translation>
    </message>
    <message>
        <source>Go on from this answer; the others stay as versions of it</source>
        <translation>从这个回答继续对话，其他回答保留为它的版本</translation>
    </message>
    <message>
        <source>Stop the answer of {}</source>
        <translation>停止 {} 的回答</translation>
    </message>
    <message>
        <source>Continue with the answer of {}</source>
        <translation>用 {} 的回答继续</translation>
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
        <translation>取消编辑（Esc），消息保持原样</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Attach: images, text and code files, PDF and DOCX (or drop them on the window, or paste)</source>
        <translation>添加附件：图片、文本和代码文件、PDF 和 DOCX（也可拖放到窗口，或粘贴）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送（Ctrl+Enter）</translation>
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
        <translation>正在编辑“{}”：修改后的消息和它的回答会作为新版本保存。按 Esc 取消。</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Images, documents and text (*.png *.jpg *.jpeg *.webp *.gif *.pdf *.docx *.txt *.md *.csv *.json *.py *.js *.ts *.html *.css *.xml *.yaml *.yml *.toml);;All files (*)</source>
        <translation>图片、文档和文本 (*.png *.jpg *.jpeg *.webp *.gif *.pdf *.docx *.txt *.md *.csv *.json *.py *.js *.ts *.html *.css *.xml *.yaml *.yml *.toml);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ConversationAssistant</name>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>This conversation&apos;s system prompt, temperature and other parameters</source>
        <translation>本对话的系统提示词、温度等参数</translation>
    </message>
</context>
<context>
    <name>ConversationMenu</name>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>移出归档</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>New conversation (Ctrl+N)</source>
        <translation>新对话（Ctrl+N）</translation>
    </message>
    <message>
        <source>Search (Ctrl+K)</source>
        <translation>搜索（Ctrl+K）</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>No archived conversations.</source>
        <translation>没有已归档的对话。</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>还没有对话。</translation>
    </message>
    <message>
        <source>Pinned once the import is done</source>
        <translation>导入完成后置顶</translation>
    </message>
    <message>
        <source>Unpinned once the import is done</source>
        <translation>导入完成后取消置顶</translation>
    </message>
    <message>
        <source>Conversation archived</source>
        <translation>对话已归档</translation>
    </message>
    <message>
        <source>Conversation unarchived</source>
        <translation>对话已移出归档</translation>
    </message>
    <message>
        <source>Conversation deleted</source>
        <translation>对话已删除</translation>
    </message>
    <message>
        <source>No messages match “{0}”.</source>
        <translation>没有消息包含“{0}”。</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
</context>
<context>
    <name>CostMeter</name>
    <message>
        <source>Conversation {}</source>
        <translation>本对话 {}</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>These {} answers {}</source>
        <translation>这 {} 个回答 {}</translation>
    </message>
    <message>
        <source>(simulated, not spent)</source>
        <translation>（模拟，未实际花费）</translation>
    </message>
    <message>
        <source>This answer none yet</source>
        <translation>本次回答 暂无</translation>
    </message>
    <message>
        <source>This answer {} (simulated, not spent)</source>
        <translation>本次回答 {}（模拟，未实际花费）</translation>
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
        <translation>模拟回答只显示应有的费用，不会实际花费。</translation>
    </message>
    <message>
        <source>“+”: some answers used models whose price is unknown.</source>
        <translation>“+”：部分回答所用模型的价格未知。</translation>
    </message>
    <message>
        <source>≈ marks an estimate from the text&apos;s length (about 4 characters a token).</source>
        <translation>≈ 表示按文本长度估算（约 4 个字符算一个 token）。</translation>
    </message>
</context>
<context>
    <name>DailyChart</name>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Spend per day</source>
        <translation>每日花费</translation>
    </message>
    <message>
        <source>Nothing was spent on these days.</source>
        <translation>这些天没有花费。</translation>
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
        <translation>已置顶</translation>
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
        <translation>过去 7 天</translation>
    </message>
    <message>
        <source>Previous 30 days</source>
        <translation>过去 30 天</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>无标题</translation>
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
        <translation>打开设置</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Switch model</source>
        <translation>换个模型</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Dismiss error</source>
        <translation>关闭错误提示</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>As the system ({})</source>
        <translation>跟随系统（{}）</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>A new language shows the next time Tally starts.</source>
        <translation>新的语言会在下次启动 Tally 时生效。</translation>
    </message>
</context>
<context>
    <name>HistoryFiles</name>
    <message>
        <source>An import is running already.</source>
        <translation>已有一个导入正在进行。</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown 文件 (*.md)</translation>
    </message>
    <message>
        <source>Tally JSON export (*.json)</source>
        <translation>Tally JSON 导出文件 (*.json)</translation>
    </message>
    <message>
        <source>Nothing to export yet: this conversation has no messages.</source>
        <translation>暂无可导出的内容：这个对话还没有消息。</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>Export all conversations</source>
        <translation>导出全部对话</translation>
    </message>
    <message>
        <source>Conversations (*.json);;All files (*)</source>
        <translation>对话 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Imported 1 conversation; {skipped} already in the history, skipped.</source>
        <translation>已导入 1 个对话；{skipped} 个已在历史记录中，已跳过。</translation>
    </message>
    <message>
        <source>Imported {added} conversations; {skipped} already in the history, skipped.</source>
        <translation>已导入 {added} 个对话；{skipped} 个已在历史记录中，已跳过。</translation>
    </message>
    <message>
        <source>Imported 1 conversation.</source>
        <translation>已导入 1 个对话。</translation>
    </message>
    <message>
        <source>Imported {added} conversations.</source>
        <translation>已导入 {added} 个对话。</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported.</source>
        <translation>导入已取消：没有导入任何内容。</translation>
    </message>
    <message>
        <source>Exporting to {0}…</source>
        <translation>正在导出到 {0}…</translation>
    </message>
    <message>
        <source>Exported 1 conversation to {}.</source>
        <translation>已将 1 个对话导出到 {}。</translation>
    </message>
    <message>
        <source>Exported {count} conversations to {target}.</source>
        <translation>已将 {count} 个对话导出到 {target}。</translation>
    </message>
</context>
<context>
    <name>HistoryProblemDialog</name>
    <message>
        <source>Tally cannot open your history</source>
        <translation>Tally 无法打开你的历史记录</translation>
    </message>
    <message>
        <source>Backup of {when} ({size} KiB)</source>
        <translation>{when} 的备份（{size} KiB）</translation>
    </message>
    <message>
        <source>Restore a backup, or start a fresh history. Either way the file there now is kept beside it, renamed, so nothing is deleted.</source>
        <translation>恢复一个备份，或新建历史记录。无论选哪种，现在的文件都会改名后留在原处，不会删除任何内容。</translation>
    </message>
    <message>
        <source>There is no backup yet. You can start a fresh history: the file there now is kept beside it, renamed, so nothing is deleted.</source>
        <translation>还没有备份。你可以新建历史记录：现在的文件会改名后留在原处，不会删除任何内容。</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>恢复这个备份</translation>
    </message>
    <message>
        <source>Start a fresh history</source>
        <translation>新建历史记录</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>The file {path} is damaged ({detail}). Tally has not changed it.</source>
        <translation>文件 {path} 已损坏（{detail}）。Tally 没有改动它。</translation>
    </message>
    <message>
        <source>it cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Restored the backup of {when}; the history it replaced is kept as {aside}.</source>
        <translation>已恢复 {when} 的备份；被替换的历史记录保留为 {aside}。</translation>
    </message>
    <message>
        <source>Started a fresh history; the one that could not be opened is kept as {}.</source>
        <translation>已新建历史记录；无法打开的那份保留为 {}。</translation>
    </message>
</context>
<context>
    <name>LadderEditor</name>
    <message>
        <source>Ladder, cheapest first</source>
        <translation>模型阶梯，最便宜的在前</translation>
    </message>
    <message>
        <source>Model to add to the ladder</source>
        <translation>要加入阶梯的模型</translation>
    </message>
    <message>
        <source>provider/model</source>
        <translation>服务商/模型</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
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
        <translation>&lt;b&gt;模型阶梯&lt;/b&gt;，最便宜的在前：即“更强的模型”的含义</translation>
    </message>
    <message>
        <source>{} is on the ladder already.</source>
        <translation>{} 已在阶梯中。</translation>
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
        <translation>费用</translation>
    </message>
    <message>
        <source>Spend per day and per model, and what it would cost elsewhere</source>
        <translation>按天、按模型查看花费，以及换用其他模型要花多少</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>新对话(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>导出对话(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;all conversations…</source>
        <translation>导出全部对话(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import conversations…</source>
        <translation>导入对话(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Tally…</source>
        <translation>关于 Tally(&amp;A)…</translation>
    </message>
    <message>
        <source>Pick a model first, or add a provider.</source>
        <translation>请先选择一个模型，或添加服务商。</translation>
    </message>
    <message>
        <source>A file is still being read: send again once it shows its size.</source>
        <translation>仍在读取文件：等它显示大小后再发送。</translation>
    </message>
    <message>
        <source>The message you were editing is in a version no longer shown: nothing was sent. Show its version again to edit it, or send your text as a new message.</source>
        <translation>你正在编辑的消息所在的版本已不再显示：没有发送任何内容。请重新显示那个版本后再编辑，或把这段文字作为新消息发送。</translation>
    </message>
    <message>
        <source>Assistant:</source>
        <translation>助手：</translation>
    </message>
    <message>
        <source>An import is writing the history: branch once it is done.</source>
        <translation>正在导入到历史记录：请在导入完成后再创建分支。</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>{0} (branch)</source>
        <translation>{0}（分支）</translation>
    </message>
    <message>
        <source>Making the branch…</source>
        <translation>正在创建分支…</translation>
    </message>
    <message>
        <source>Branch made: {0}</source>
        <translation>分支已创建：{0}</translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({0}: {1}). Tally kept running; the details are in {2}.</source>
        <translation>发生了意外错误（{0}：{1}）。Tally 仍在运行；详情见 {2}。</translation>
    </message>
    <message>
        <source>Today&apos;s backup of the history was not made: {0}</source>
        <translation>今天的历史记录备份未能完成：{0}</translation>
    </message>
    <message>
        <source>Branched from a conversation since deleted</source>
        <translation>分支自一个已删除的对话</translation>
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
        <translation>消息</translation>
    </message>
    <message>
        <source>Message  (Ctrl+Enter to send)</source>
        <translation>输入消息（Ctrl+Enter 发送）</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <source>The version before</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <source>The next version</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the message as markdown</source>
        <translation>以 Markdown 格式复制这条消息</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit this message: its answer comes as a version</source>
        <translation>编辑这条消息：新的回答会作为一个版本保存</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Ask for another answer; this one stays as a version (Ctrl+R)</source>
        <translation>重新生成回答，当前回答保留为一个版本（Ctrl+R）</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>分支</translation>
    </message>
    <message>
        <source>Start a new conversation from here</source>
        <translation>从这里开始一个新对话</translation>
    </message>
    <message>
        <source>Ask again of the next model up the routing ladder (routing.toml); this answer stays, as a version. The figure is this answer&apos;s tokens on that model.</source>
        <translation>向路由阶梯上的下一个更强模型再问一次（routing.toml）；这条回答会保留为一个版本。金额按这条回答的 token 数在该模型上计算。</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>rule: {}</source>
        <translation>规则：{}</translation>
    </message>
    <message>
        <source>stronger model</source>
        <translation>更强模型</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Reasoning ▾</source>
        <translation>思考过程 ▾</translation>
    </message>
    <message>
        <source>Reasoning ▸</source>
        <translation>思考过程 ▸</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Cut off: {}</source>
        <translation>已中断：{}</translation>
    </message>
    <message>
        <source>Cut off</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>The request failed.</source>
        <translation>请求失败。</translation>
    </message>
</context>
<context>
    <name>ModelChart</name>
    <message>
        <source>Spend per model</source>
        <translation>各模型花费</translation>
    </message>
    <message>
        <source>No answer with a known price in this month.</source>
        <translation>本月没有已知价格的回答。</translation>
    </message>
    <message>
        <source>{} answer</source>
        <translation>{} 条回答</translation>
    </message>
    <message>
        <source>{} answers</source>
        <translation>{} 条回答</translation>
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
        <translation>刷新模型列表</translation>
    </message>
    <message>
        <source>Ask each provider which models it serves (F5)</source>
        <translation>向每个服务商查询它提供的模型（F5）</translation>
    </message>
    <message>
        <source>There is no provider to ask for models yet: add one in Settings.</source>
        <translation>还没有可以获取模型列表的服务商：请先在设置中添加一个。</translation>
    </message>
    <message>
        <source>Models refreshed: {}.</source>
        <translation>模型列表已刷新：{}。</translation>
    </message>
    <message>
        <source>Refreshing models…</source>
        <translation>正在刷新模型列表…</translation>
    </message>
    <message>
        <source>Cannot save the model lists to {path}: {error}.</source>
        <translation>无法把模型列表保存到 {path}：{error}。</translation>
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
        <translation>输入模型名称</translation>
    </message>
    <message>
        <source>Pick a model, or type its name</source>
        <translation>选择一个模型，或输入模型名称</translation>
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
        <translation>（其中 {} 为估算）</translation>
    </message>
</context>
<context>
    <name>MoneyPage</name>
    <message>
        <source>The Money tab shows the defaults; saving a change there replaces the file.</source>
        <translation>“货币与预算”页显示的是默认值；在那里保存改动会替换该文件。</translation>
    </message>
    <message>
        <source>US dollars ($)</source>
        <translation>美元 ($)</translation>
    </message>
    <message>
        <source>Chinese yuan (¥)</source>
        <translation>人民币 (¥)</translation>
    </message>
    <message>
        <source>e.g. 7.3</source>
        <translation>例如 7.3</translation>
    </message>
    <message>
        <source>Yuan per US dollar</source>
        <translation>1 美元兑人民币汇率</translation>
    </message>
    <message>
        <source>relay billing</source>
        <translation>中转计费</translation>
    </message>
    <message>
        <source>bank rate</source>
        <translation>银行汇率</translation>
    </message>
    <message>
        <source>no budget</source>
        <translation>不设预算</translation>
    </message>
    <message>
        <source>Monthly budget</source>
        <translation>每月预算</translation>
    </message>
    <message>
        <source>Daily budget</source>
        <translation>每日预算</translation>
    </message>
    <message>
        <source>{rate} ({what})</source>
        <translation>{rate}（{what}）</translation>
    </message>
    <message>
        <source>Show money in:</source>
        <translation>金额显示为：</translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation>汇率(&amp;R)：</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>货币</translation>
    </message>
    <message>
        <source>&amp;Monthly budget:</source>
        <translation>每月预算(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Daily budget:</source>
        <translation>每日预算(&amp;D)：</translation>
    </message>
    <message>
        <source>Budgets</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>yuan (¥)</source>
        <translation>元 (¥)</translation>
    </message>
    <message>
        <source>Prices stay in US dollars, as providers publish them; costs and budgets are shown in yuan at this rate. A relay that bills ¥1 for each $1 of its prices (HolySheep) means 1; paying by card at the bank&apos;s rate means about 7.3.</source>
        <translation>价格仍按服务商公布的美元标价；费用和预算按此汇率以人民币显示。中转按标价每 $1 收 ¥1（如 HolySheep）时填 1；按银行汇率刷卡付款时约为 7.3。</translation>
    </message>
    <message>
        <source>Leave a budget empty for none. Tally warns when {} % of a budget is spent; at 100 % it stops sending, and you can still send one message at a time by confirming it.</source>
        <translation>留空表示不设预算。预算用到 {} % 时 Tally 会提醒；到 100 % 时停止发送，但你仍可逐条确认后发送。</translation>
    </message>
    <message>
        <source>The rate “{text}” {reason}: type how many yuan one US dollar buys, like 7.3 (or 1 for a relay that bills ¥1 = $1).</source>
        <translation>汇率“{text}”{reason}：请填 1 美元可兑换多少人民币，例如 7.3（按 ¥1 = $1 计费的中转填 1）。</translation>
    </message>
    <message>
        <source>Type how many yuan one US dollar buys, more than 0: 7.3 at the bank&apos;s rate, or 1 for a relay that bills ¥1 = $1.</source>
        <translation>请填 1 美元可兑换多少人民币，须大于 0：按银行汇率填 7.3，按 ¥1 = $1 计费的中转填 1。</translation>
    </message>
    <message>
        <source>The monthly budget “{text}” {reason}: type an amount like {symbol}20, or leave it empty for no budget.</source>
        <translation>每月预算“{text}”{reason}：请填写金额，例如 {symbol}20；留空表示不设预算。</translation>
    </message>
    <message>
        <source>A monthly budget must be more than {symbol}0: leave it empty for no budget.</source>
        <translation>每月预算必须大于 {symbol}0；留空表示不设预算。</translation>
    </message>
    <message>
        <source>The daily budget “{text}” {reason}: type an amount like {symbol}20, or leave it empty for no budget.</source>
        <translation>每日预算“{text}”{reason}：请填写金额，例如 {symbol}20；留空表示不设预算。</translation>
    </message>
    <message>
        <source>A daily budget must be more than {symbol}0: leave it empty for no budget.</source>
        <translation>每日预算必须大于 {symbol}0；留空表示不设预算。</translation>
    </message>
</context>
<context>
    <name>NetworkDraft</name>
    <message>
        <source>A password needs a proxy URL with a user name in it.</source>
        <translation>填写密码需要代理地址中包含用户名。</translation>
    </message>
    <message>
        <source>The proxy&apos;s port must be a number from 1 to 65535, as in {0} or {1}.</source>
        <translation>代理端口必须是 1 到 65535 之间的数字，例如 {0} 或 {1}。</translation>
    </message>
    <message>
        <source>The proxy must be a URL such as {0} or {1} (http, https or socks5).</source>
        <translation>代理必须是形如 {0} 或 {1} 的地址（http、https 或 socks5）。</translation>
    </message>
    <message>
        <source>Leave the password out of the proxy URL: type it in the password field, which keeps it in the keyring.</source>
        <translation>请不要把密码写在代理地址里：在密码栏中填写，它会保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>Put the proxy&apos;s user name in its URL, as in http://alice@proxy.example.com:3128: the password is sent only with a user name.</source>
        <translation>请把代理的用户名写进地址，例如 http://alice@proxy.example.com:3128：只有带用户名时才会发送密码。</translation>
    </message>
    <message>
        <source>A SOCKS proxy needs its port, as in socks5://proxy.example.com:1080.</source>
        <translation>SOCKS 代理需要填写端口，例如 socks5://proxy.example.com:1080。</translation>
    </message>
</context>
<context>
    <name>NetworkFields</name>
    <message>
        <source>An empty proxy means the system&apos;s settings: HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY, else the operating system&apos;s proxy; a server on this computer is always reached directly. A user name goes in the URL, as in socks5://alice@proxy.example.com:1080; the password is kept in the OS keyring, never in providers.toml. The CA bundle (PEM) adds a corporate network&apos;s or a private server&apos;s authority to the usual ones.</source>
        <translation>代理留空即使用系统设置：HTTPS_PROXY、HTTP_PROXY、ALL_PROXY 和 NO_PROXY，没有则用操作系统的代理；本机上的服务器始终直连。用户名写在地址里，例如 socks5://alice@proxy.example.com:1080；密码保存在系统密钥环中，不会写入 providers.toml。CA 证书（PEM）会在常用证书机构之外，再信任公司网络或私有服务器的证书机构。</translation>
    </message>
    <message>
        <source>http://, https:// or socks5://, e.g. socks5://alice@proxy.example.com:1080</source>
        <translation>http://、https:// 或 socks5://，例如 socks5://alice@proxy.example.com:1080</translation>
    </message>
    <message>
        <source>A PEM file (or a folder of them) of certificate authorities to trust as well</source>
        <translation>额外信任的证书机构：一个 PEM 文件（或存放 PEM 文件的文件夹）</translation>
    </message>
    <message>
        <source>System settings</source>
        <translation>系统设置</translation>
    </message>
    <message>
        <source>Proxy URL</source>
        <translation>代理地址</translation>
    </message>
    <message>
        <source>Proxy password</source>
        <translation>代理密码</translation>
    </message>
    <message>
        <source>Sent to the proxy only; kept in the OS keyring</source>
        <translation>只发送给代理；保存在系统密钥环中</translation>
    </message>
    <message>
        <source>CA bundle file</source>
        <translation>CA 证书文件</translation>
    </message>
    <message>
        <source>The usual certificate authorities</source>
        <translation>常用证书机构</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>代理(&amp;P)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>CA &amp;bundle:</source>
        <translation>CA 证书(&amp;B)：</translation>
    </message>
    <message>
        <source>Needs a user name in the proxy URL</source>
        <translation>需要代理地址中包含用户名</translation>
    </message>
    <message>
        <source>{} (stored in the keyring)</source>
        <translation>{}（已保存在密钥环中）</translation>
    </message>
    <message>
        <source>Checking the keyring…</source>
        <translation>正在检查密钥环…</translation>
    </message>
    <message>
        <source>The proxy&apos;s password, if it asks for one</source>
        <translation>代理的密码（如需要）</translation>
    </message>
    <message>
        <source>proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Network ({})</source>
        <translation>网络（{}）</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ParametersForm</name>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>None: plain chat</source>
        <translation>无：普通对话</translation>
    </message>
    <message>
        <source>Lower is steadier, higher more varied (0 to 2). Default: the model&apos;s own.</source>
        <translation>越低越稳定，越高越多变（0 到 2）。默认：模型自己的设置。</translation>
    </message>
    <message>
        <source>Sample only from the likeliest tokens up to this share (0 to 1).</source>
        <translation>只从累计概率达到此比例的最可能的 token中采样（0 到 1）。</translation>
    </message>
    <message>
        <source>The longest answer, in tokens</source>
        <translation>回答的最大长度（token 数）</translation>
    </message>
    <message>
        <source>Provider&apos;s setting</source>
        <translation>服务商的设置</translation>
    </message>
    <message>
        <source>The model&apos;s thinking, up to this many tokens (where the API asks for it)</source>
        <translation>模型的思考，最多这么多 token（在 API 需要指定时）</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>How many past questions and answers go with each message; fewer cost less</source>
        <translation>每条消息附带多少轮之前的问答；越少越省钱</translation>
    </message>
    <message>
        <source>&amp;System prompt:</source>
        <translation>系统提示词(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>温度(&amp;T)：</translation>
    </message>
    <message>
        <source>To&amp;p P:</source>
        <translation>Top P(&amp;P)：</translation>
    </message>
    <message>
        <source>Most to&amp;kens:</source>
        <translation>最大 token 数(&amp;K)：</translation>
    </message>
    <message>
        <source>T&amp;hinking budget:</source>
        <translation>思考预算(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Past turns sent:</source>
        <translation>发送的历史轮数(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>ParametersPanel</name>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to the assistant&apos;s parameters</source>
        <translation>恢复为助手的参数</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>This conversation&apos;s parameters (assistant: {})</source>
        <translation>本对话的参数（助手：{}）</translation>
    </message>
</context>
<context>
    <name>PickerRows</name>
    <message>
        <source>no models yet: Refresh models, or type a model&apos;s name above</source>
        <translation>还没有模型：请刷新模型列表，或在上方输入模型名称</translation>
    </message>
    <message>
        <source>{money} this message · {price}</source>
        <translation>本条消息 {money} · {price}</translation>
    </message>
    <message>
        <source>{price} input / output ({origin})</source>
        <translation>{price} 输入 / 输出（{origin}）</translation>
    </message>
    <message>
        <source>in your providers file</source>
        <translation>来自你的服务商配置文件</translation>
    </message>
    <message>
        <source>typed by you</source>
        <translation>由你手动输入</translation>
    </message>
    <message>
        <source>listed by {}</source>
        <translation>由 {} 提供的列表</translation>
    </message>
    <message>
        <source>{model} via {provider}</source>
        <translation>{model}，通过 {provider}</translation>
    </message>
    <message>
        <source>{}: models from your providers file (Refresh models to ask it)</source>
        <translation>{}：模型来自你的服务商配置文件（刷新模型列表即可向它获取）</translation>
    </message>
    <message>
        <source>{name}: list fetched today, {time}</source>
        <translation>{name}：列表于今天获取，{time}</translation>
    </message>
    <message>
        <source>{name}: list fetched a day ago, {time}</source>
        <translation>{name}：列表于一天前获取，{time}</translation>
    </message>
    <message>
        <source>{name}: list fetched {days} days ago, {time}</source>
        <translation>{name}：列表于 {days} 天前获取，{time}</translation>
    </message>
</context>
<context>
    <name>PriceRows</name>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>cached input</source>
        <translation>缓存输入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>cache write</source>
        <translation>缓存写入</translation>
    </message>
    <message>
        <source>reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>your price: type the {} too</source>
        <translation>你的价格：还需填写{}价格</translation>
    </message>
    <message>
        <source>your price: type the input and output too</source>
        <translation>你的价格：还需填写输入和输出价格</translation>
    </message>
    <message>
        <source>your price</source>
        <translation>你的价格</translation>
    </message>
    <message>
        <source>your price (not in the models list)</source>
        <translation>你的价格（不在模型列表中）</translation>
    </message>
    <message>
        <source>Remove your price</source>
        <translation>删除你的价格</translation>
    </message>
    <message>
        <source>Reset to {}</source>
        <translation>重置为{}</translation>
    </message>
    <message>
        <source>price unknown</source>
        <translation>价格未知</translation>
    </message>
    <message>
        <source>free (local)</source>
        <translation>免费（本地）</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>has more than {} digits</source>
        <translation>超过 {} 位数字</translation>
    </message>
    <message>
        <source>is far too large</source>
        <translation>太大了</translation>
    </message>
    <message>
        <source>The {figure} price of {model}: “{text}” {reason}. Type US dollars per million tokens, like 0.27.</source>
        <translation>{model} 的{figure}价格：“{text}”{reason}。请填写每百万 tokens 的美元价格，例如 0.27。</translation>
    </message>
    <message>
        <source>The {figure} price of {model} cannot be negative.</source>
        <translation>{model} 的{figure}价格不能为负数。</translation>
    </message>
    <message>
        <source>The {figure} price of {model} cannot be empty. To drop your price, use “{reset}”.</source>
        <translation>{model} 的{figure}价格不能为空。要删除你的价格，请使用“{reset}”。</translation>
    </message>
</context>
<context>
    <name>PriceTable</name>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Cached input</source>
        <translation>缓存输入</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Cache write</source>
        <translation>缓存写入</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>&lt;b&gt;Prices&lt;/b&gt; in US dollars per million tokens</source>
        <translation>&lt;b&gt;价格&lt;/b&gt;（美元 / 百万 tokens）</translation>
    </message>
    <message>
        <source>Cache-write and reasoning prices</source>
        <translation>缓存写入和推理价格</translation>
    </message>
    <message>
        <source>Show the prices some providers bill apart</source>
        <translation>显示部分服务商单独计费的价格</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>US dollars per million {} tokens</source>
        <translation>每百万{} tokens 的美元价格</translation>
    </message>
    <message>
        <source>Price from</source>
        <translation>价格来源</translation>
    </message>
    <message>
        <source>No models listed, so Tally uses the server&apos;s list. Type the model names above (or Test connection, then Use these models) to see and set their prices.</source>
        <translation>未列出模型，Tally 将使用服务器提供的列表。在上方填写模型名称（或先“测试连接”，再“使用这些模型”），即可查看和设置它们的价格。</translation>
    </message>
    <message>
        <source>Double-click a figure to use your own price for that model. Models with no known price show “price unknown”, never $0.</source>
        <translation>双击价格即可为该模型填写你自己的价格。价格未知的模型显示“价格未知”，而不是 $0。</translation>
    </message>
    <message>
        <source>Select a price you set to reset it</source>
        <translation>选中你设置的价格即可重置</translation>
    </message>
    <message>
        <source>as {}</source>
        <translation>同{}</translation>
    </message>
    <message>
        <source>Nobody publishes a price for this model here: type one to count its cost.</source>
        <translation>这里没有这个模型的公开价格：填写一个价格即可计算费用。</translation>
    </message>
    <message>
        <source>{} in, {} out (USD / 1M)</source>
        <translation>输入 {}，输出 {}（USD / 1M）</translation>
    </message>
</context>
<context>
    <name>PromptEstimate</name>
    <message>
        <source> ({}: price unknown)</source>
        <translation>（{}：价格未知）</translation>
    </message>
    <message>
        <source>To send: ≈{tokens:,} tokens with the context to each of {count} models, {money} in all{note} before the answers</source>
        <translation>待发送：连同上下文约 {tokens:,} tokens，发给 {count} 个模型，合计 {money}{note}（不含回答）</translation>
    </message>
    <message>
        <source>To send: ≈{tokens:,} tokens with the context, {money} on {model} before the answer</source>
        <translation>待发送：连同上下文约 {tokens:,} tokens，在 {model} 上 {money}（不含回答）</translation>
    </message>
</context>
<context>
    <name>ProviderDraft</name>
    <message>
        <source>Give the provider a name.</source>
        <translation>请给服务商起个名称。</translation>
    </message>
    <message>
        <source>The base URL of {} must start with http:// or https:// and name a host, like https://api.openai.com/v1.</source>
        <translation>{} 的 API 地址必须以 http:// 或 https:// 开头并包含主机名，例如 https://api.openai.com/v1。</translation>
    </message>
    <message>
        <source>{} is not a variable name: use letters, digits and _ only.</source>
        <translation>{} 不是有效的变量名：只能使用字母、数字和 _。</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>input and output</source>
        <translation>输入和输出</translation>
    </message>
    <message>
        <source>The price of {model} at {name} needs the {figure} figure too: type it, or clear the figures you typed.</source>
        <translation>{name} 上 {model} 的价格还缺少{figure}价格：请补上，或清空你已填写的价格。</translation>
    </message>
    <message>
        <source>Anthropic needs a thinking budget of at least {least} tokens ({name} has {budget}).</source>
        <translation>Anthropic 要求思考预算至少为 {least} tokens（{name} 当前为 {budget}）。</translation>
    </message>
    <message>
        <source>{}: {}</source>
        <translation>{}：{}</translation>
    </message>
    <message>
        <source>Connected, but the server lists no models. Type the model names above.</source>
        <translation>已连接，但服务器没有列出任何模型。请在上方填写模型名称。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Connected: {count} models: {shown}, and {more} more.</source>
        <translation>已连接：共 {count} 个模型：{shown}，另有 {more} 个。</translation>
    </message>
    <message>
        <source>Connected: 1 model: {shown}.</source>
        <translation>已连接：1 个模型：{shown}。</translation>
    </message>
    <message>
        <source>Connected: {count} models: {shown}.</source>
        <translation>已连接：共 {count} 个模型：{shown}。</translation>
    </message>
</context>
<context>
    <name>ProviderForm</name>
    <message>
        <source>OpenAI-compatible</source>
        <translation>OpenAI 兼容</translation>
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
        <translation>例如：我的中转</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>接口类型</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>API 地址</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show the key (read from the keyring)</source>
        <translation>显示密钥（从密钥环读取）</translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation>删除密钥</translation>
    </message>
    <message>
        <source>Delete the stored key when you save</source>
        <translation>保存时删除已存储的密钥</translation>
    </message>
    <message>
        <source>Use this key only for this session</source>
        <translation>仅在本次运行中使用此密钥</translation>
    </message>
    <message>
        <source>Kept in memory until Tally quits; never written down</source>
        <translation>只保存在内存中，直到 Tally 退出；不会写入任何地方</translation>
    </message>
    <message>
        <source>Key from environment variable</source>
        <translation>密钥所在的环境变量</translation>
    </message>
    <message>
        <source>Optional, e.g. OPENAI_API_KEY; used when it is set</source>
        <translation>可选，例如 OPENAI_API_KEY；设置了该变量时使用</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>One per line or separated by commas. Leave empty to use the server&apos;s list.</source>
        <translation>每行一个，或用逗号分隔。留空则使用服务器提供的列表。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Use these models</source>
        <translation>使用这些模型</translation>
    </message>
    <message>
        <source>Put the models found into the Models field</source>
        <translation>把找到的模型填入“模型”栏</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>ID:</source>
        <translation>标识：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>接口类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>API 地址(&amp;B)：</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API 密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>Key from &amp;env var:</source>
        <translation>密钥环境变量(&amp;E)：</translation>
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
        <translation>价格</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>{}  (the keyring entry&apos;s name)</source>
        <translation>{}（密钥环中条目的名称）</translation>
    </message>
    <message>
        <source>made from the name when you save</source>
        <translation>保存时根据名称生成</translation>
    </message>
    <message>
        <source>None (the stored key is deleted when you save)</source>
        <translation>无（保存时删除已存储的密钥）</translation>
    </message>
    <message>
        <source>{} (stored in the keyring)</source>
        <translation>{}（已保存在密钥环中）</translation>
    </message>
    <message>
        <source>{} (kept for this session only)</source>
        <translation>{}（仅在本次运行中保留）</translation>
    </message>
    <message>
        <source>Checking the keyring…</source>
        <translation>正在检查密钥环…</translation>
    </message>
    <message>
        <source>Usually not needed for a local server</source>
        <translation>本地服务器通常不需要</translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation>粘贴 API 密钥</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
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
        <translation>添加</translation>
    </message>
    <message>
        <source>No price is known for “{}”.</source>
        <translation>“{}”的价格未知。</translation>
    </message>
    <message>
        <source>{price}, from {origin}</source>
        <translation>{price}，来源：{origin}</translation>
    </message>
</context>
<context>
    <name>RoutingPage</name>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
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
        <translation>恢复内置规则</translation>
    </message>
    <message>
        <source>Start from the shipped rules</source>
        <translation>从内置规则开始</translation>
    </message>
    <message>
        <source>Routing rules, first match wins</source>
        <translation>路由规则，第一条匹配的生效</translation>
    </message>
    <message>
        <source>The first rule whose conditions all hold picks the model of “Auto (rules)”. Drag a rule, or use Move up and Move down, to change the order.</source>
        <translation>“自动（规则）”使用第一条所有条件都满足的规则所选的模型。拖动规则，或用“上移”“下移”改变顺序。</translation>
    </message>
    <message>
        <source>The file is left as it is: fix it by hand and open Settings again, or start from the shipped rules (the file is replaced only when you then save).</source>
        <translation>该文件保持原样：请手动修正后重新打开设置，或从内置规则开始（只有随后保存时才会替换该文件）。</translation>
    </message>
</context>
<context>
    <name>RoutingWords</name>
    <message>
        <source>{low} to {high} tokens</source>
        <translation>{low} 到 {high} 个 token</translation>
    </message>
    <message>
        <source>at least {} tokens</source>
        <translation>至少 {} 个 token</translation>
    </message>
    <message>
        <source>at most {} tokens</source>
        <translation>至多 {} 个 token</translation>
    </message>
    <message>
        <source>an image attached</source>
        <translation>附有图片</translation>
    </message>
    <message>
        <source>no image</source>
        <translation>无图片</translation>
    </message>
    <message>
        <source>holds code</source>
        <translation>包含代码</translation>
    </message>
    <message>
        <source>no code</source>
        <translation>不含代码</translation>
    </message>
    <message>
        <source>matches {}</source>
        <translation>匹配 {}</translation>
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
        <translation>助手为 {}</translation>
    </message>
    <message>
        <source>every question</source>
        <translation>所有问题</translation>
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
        <translation>编辑规则</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>e.g. Code</source>
        <translation>例如：代码</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>provider/model</source>
        <translation>服务商/模型</translation>
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
        <translation>匹配</translation>
    </message>
    <message>
        <source>any text (a regular expression)</source>
        <translation>任意文本（正则表达式）</translation>
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
        <translation>名称：</translation>
    </message>
    <message>
        <source>Picks:</source>
        <translation>选用：</translation>
    </message>
    <message>
        <source>Conditions (all must hold; none: every question):</source>
        <translation>条件（须全部满足；不设条件则匹配所有问题）：</translation>
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
        <translation>附有图片：</translation>
    </message>
    <message>
        <source>Holds code:</source>
        <translation>包含代码：</translation>
    </message>
    <message>
        <source>Matches:</source>
        <translation>匹配：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Assistant:</source>
        <translation>助手：</translation>
    </message>
    <message>
        <source>Give the rule a name.</source>
        <translation>请给规则起个名称。</translation>
    </message>
    <message>
        <source>Another rule is named “{}”.</source>
        <translation>已有另一条规则名为“{}”。</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Picks</source>
        <translation>选用</translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>No OS keyring is available, so keys cannot be saved. Tick “Use this key only for this session” to keep a key in memory until Tally quits, or put the key in an environment variable and name it under “Key from env var”.</source>
        <translation>没有可用的系统密钥环，因此无法保存密钥。勾选“仅在本次运行中使用此密钥”可把密钥保存在内存中直到 Tally 退出；也可以把密钥放进环境变量，并在“密钥环境变量”中填写变量名。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Saving keeps that file as {0}.bak (or .bak.2, …) and writes a new one.</source>
        <translation>保存时会把原文件保留为 {0}.bak（或 .bak.2 等），再写入新文件。</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Any OpenAI-compatible server</source>
        <translation>任意 OpenAI 兼容服务器</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No providers yet. Click “Add…” to pick a relay, OpenAI, DeepSeek, OpenRouter, Gemini, a server on this computer (Ollama, LM Studio), or any other OpenAI-compatible address.</source>
        <translation>还没有服务商。点击“添加…”选择中转服务、OpenAI、DeepSeek、OpenRouter、Gemini、本机上的服务器（Ollama、LM Studio），或任意其他 OpenAI 兼容地址。</translation>
    </message>
    <message>
        <source>Providers and prices</source>
        <translation>服务商与价格</translation>
    </message>
    <message>
        <source>Money and budgets</source>
        <translation>货币与预算</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>路由规则</translation>
    </message>
    <message>
        <source>this provider</source>
        <translation>这个服务商</translation>
    </message>
    <message>
        <source>Remove provider</source>
        <translation>删除服务商</translation>
    </message>
    <message>
        <source>Remove {}? Its stored API key is deleted too when you save.</source>
        <translation>删除 {}？保存时也会删除它已存储的 API 密钥。</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>（尚未命名）</translation>
    </message>
    <message>
        <source>(no base URL yet)</source>
        <translation>（尚未填写 API 地址）</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>测试中…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <source>Custom (any OpenAI-compatible server)</source>
        <translation>自定义（任意 OpenAI 兼容服务器）</translation>
    </message>
</context>
<context>
    <name>SpendingDialog</name>
    <message>
        <source>Nothing spent yet.

Every answer&apos;s cost is kept in the history, and this view shows it per day and per model once there is some.</source>
        <translation>还没有任何花费。

每条回答的费用都会记录在历史记录中，有了花费后，这里会按天和按模型显示。</translation>
    </message>
    <message>
        <source>Spending</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>With my rules</source>
        <translation>按我的规则</translation>
    </message>
    <message>
        <source>The month again, each answer on the model your routing rules pick</source>
        <translation>重算本月：每条回答改用你的路由规则选的模型</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Spend per day, last 30 days</source>
        <translation>每日花费（最近 30 天）</translation>
    </message>
    <message>
        <source>Spend per day</source>
        <translation>每日花费</translation>
    </message>
    <message>
        <source>Spend per model, {}</source>
        <translation>各模型花费（{}）</translation>
    </message>
    <message>
        <source>What would {} have cost on…</source>
        <translation>{}换用以下模型要花多少…</translation>
    </message>
    <message>
        <source>{} answer</source>
        <translation>{} 条回答</translation>
    </message>
    <message>
        <source>{} answers</source>
        <translation>{} 条回答</translation>
    </message>
    <message>
        <source>{month}: &lt;b&gt;{total}&lt;/b&gt; in {answers} · Today: &lt;b&gt;{today}&lt;/b&gt;</source>
        <translation>{month}：&lt;b&gt;{total}&lt;/b&gt;，共 {answers} · 今天：&lt;b&gt;{today}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Input counts cached input too; output counts reasoning too.</source>
        <translation>输入包括缓存输入；输出包括推理。</translation>
    </message>
    <message>
        <source>≈ and lighter bars: estimated from the length of the text, where the provider reported no usage.</source>
        <translation>≈ 和浅色柱条：服务商未返回用量时，按文本长度估算。</translation>
    </message>
    <message>
        <source>1 answer had no known price: not in the cost, but their tokens are in the re-priced columns.</source>
        <translation>1 条回答的价格未知：未计入费用，但其 tokens 已计入换算列。</translation>
    </message>
    <message>
        <source>{} answers had no known price: not in the cost, but their tokens are in the re-priced columns.</source>
        <translation>{} 条回答的价格未知：未计入费用，但其 tokens 已计入换算列。</translation>
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
        <translation>服务商</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>回答数</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Cached</source>
        <translation>缓存</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>On {}</source>
        <translation>换用 {}</translation>
    </message>
    <message>
        <source>{price}, from {origin}</source>
        <translation>{price}，来源：{origin}</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>failed before the first token</source>
        <translation>在首字之前失败</translation>
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
        <translation>没有回答</translation>
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
        <translation>输出 {}{} tokens</translation>
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
        <translation>按输出 tokens 计费；Anthropic 要求至少 {}。</translation>
    </message>
    <message>
        <source>Billed as output tokens; the model uses as much of it as it needs.</source>
        <translation>按输出 tokens 计费；模型按需使用。</translation>
    </message>
    <message>
        <source>For Anthropic and Gemini providers; OpenAI-compatible servers ignore it.</source>
        <translation>用于 Anthropic 和 Gemini 服务商；OpenAI 兼容服务器会忽略此项。</translation>
    </message>
    <message>
        <source>Ask for the model&apos;s thinking</source>
        <translation>让模型先思考</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>思考预算</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> tokens</translation>
    </message>
    <message>
        <source>Ask the model to think before answering, in up to this many tokens (Anthropic&apos;s thinking, Gemini&apos;s thoughts), shown above the answer and billed as output. Reasoning models of OpenAI-compatible servers think on their own.</source>
        <translation>让模型在回答前先思考，最多使用这么多 tokens（Anthropic 的 thinking、Gemini 的 thoughts），思考内容显示在回答上方，按输出计费。OpenAI 兼容服务器上的推理模型会自行思考。</translation>
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
        <translation>要试的提示词</translation>
    </message>
    <message>
        <source>Type or paste a question…</source>
        <translation>输入或粘贴一个问题…</translation>
    </message>
    <message>
        <source>With an image</source>
        <translation>附带图片</translation>
    </message>
    <message>
        <source>Asked as</source>
        <translation>提问身份</translation>
    </message>
    <message>
        <source>No assistant</source>
        <translation>不用助手</translation>
    </message>
    <message>
        <source>Asked as:</source>
        <translation>助手：</translation>
    </message>
    <message>
        <source>&lt;b&gt;Try a prompt&lt;/b&gt;: which rule picks, and why</source>
        <translation>&lt;b&gt;试一个提示词&lt;/b&gt;：哪条规则选中，为什么</translation>
    </message>
    <message>
        <source>Type a question to see which rule picks its model.</source>
        <translation>输入一个问题，看看哪条规则为它选模型。</translation>
    </message>
    <message>
        <source>No rule matches: the model picked in the window answers.</source>
        <translation>没有规则匹配：由窗口中选定的模型回答。</translation>
    </message>
    <message>
        <source>Picks &lt;b&gt;{model}&lt;/b&gt; (rule: {rule})</source>
        <translation>选用 &lt;b&gt;{model}&lt;/b&gt;（规则：{rule}）</translation>
    </message>
    <message>
        <source>✔ picks</source>
        <translation>✔ 选中</translation>
    </message>
    <message>
        <source>✔ matches, but an earlier rule picks</source>
        <translation>✔ 匹配，但前面的规则已选中</translation>
    </message>
    <message>
        <source>✘ does not match</source>
        <translation>✘ 不匹配</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
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
&lt;h2&gt;欢迎使用 Tally&lt;/h2&gt;
&lt;p&gt;Tally 可以对接各种大模型 API：HolySheep 这样的中转服务（一个密钥即可使用 DeepSeek、Gemini、GPT 和 Claude）、OpenAI、DeepSeek、OpenRouter、Gemini，或本机上的模型服务器（Ollama、LM Studio）。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;开始使用，先添加一个服务商&lt;/b&gt;：选择一个预设，粘贴你的 API 密钥，然后点击&lt;i&gt;测试连接&lt;/i&gt;。密钥保存在系统密钥环中，不会写入任何文件。&lt;/p&gt;
&lt;p&gt;也可以先&lt;b&gt;试用离线演示&lt;/b&gt;：由 Tally 内置的小型服务器生成模拟回答，无需账号即可看到流式输出、推理过程和费用统计。所有数据都不会离开这台电脑。&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>Add a provider…</source>
        <translation>添加服务商…</translation>
    </message>
    <message>
        <source>Try the offline demo</source>
        <translation>试用离线演示</translation>
    </message>
</context>
</TS>
