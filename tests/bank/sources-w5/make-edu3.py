import re,subprocess,sys
# adapted from make-edu.py: wave-5 sections 2,8,9,10,18,19,20 -> /work/bank5/corpora/edu3-<lang>/
secs={2:'sec02-about',8:'sec08-printer-management',9:'sec09-clock-synchronisation',10:'sec10-extending-full-partitions',18:'sec18-samba',19:'sec19-howtos-teaching-learning',20:'sec20-howtos-users'}
for lang,f in [('en','/usr/share/doc/debian-edu-doc-en/debian-edu-bookworm-manual.html'),('zh','/usr/share/doc/debian-edu-doc-zh-cn/debian-edu-bookworm-manual.html')]:
    s=open(f,encoding='utf-8').read()
    starts={}
    for m in re.finditer(r'<div class="section"><div class="titlepage"><div><div><h2 class="title"[^>]*><a id="[^"]*"></a>(\d+)\.\s',s):
        starts[int(m.group(1))]=m.start()
    for n,name in secs.items():
        a=starts[n]; b=starts.get(n+1, len(s))
        html='<html><head><meta charset="utf-8"></head><body>'+s[a:b]+'</body></html>'
        out=subprocess.run(['pandoc','-f','html','-t','plain','--wrap=none'],input=html.encode(),capture_output=True).stdout
        open(f'/work/bank5/corpora/edu3-{lang}/{name}.txt','wb').write(out)
        print(lang,name,len(out))
