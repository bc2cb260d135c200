<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>Import cancelled: nothing was imported.</source>
        <translation>导入已取消：没有导入任何内容。</translation>
    </message>
    <message>
        <source>Exporting to {0}…</source>
        <translation>正在导出到 {0}…</translation>
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
        <source>The message you were editing is in a version no longer shown: nothing was sent. Show its version again to edit it, or send your text as a new message.</source>
        <translation>你正在编辑的消息所在的版本已不再显示：没有发送任何内容。请重新显示那个版本后再编辑，或把这段文字作为新消息发送。</translation>
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
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
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
        <source>Refreshing models…</source>
        <translation>正在刷新模型列表…</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Type a model&apos;s name</source>
        <translation>输入模型名称</translation>
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
    <name>SettingsDialog</name>
    <message>
        <source>Saving keeps that file as {0}.bak (or .bak.2, …) and writes a new one.</source>
        <translation>保存时会把原文件保留为 {0}.bak（或 .bak.2 等），再写入新文件。</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
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
    <name>UndoBar</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
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
