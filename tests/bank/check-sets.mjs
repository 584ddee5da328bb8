// Checker the blind question writers ran on their sets (waves 2 to 16), over this folder's corpora and sets.
// Usage: node tests/bank/check-sets.mjs [setfile...]   (default: every wave-2 to wave-5 set)
import fs from 'fs'; import path from 'path';
const BANK=path.dirname(new URL(import.meta.url).pathname), CORP=path.join(BANK,'corpora'), SETS=path.join(BANK,'sets');
const KINDS=new Set(['fact','why','who-said','when','howto','list','terse','typo','followup','refuse','crosslingual']);
// Case counts each writer was asked for, per set.
const SIZES = {'article-w105': 40, 'article-b-w105': 40, 'drconsole-zh-w105': 25, 'drprefacenotes-en-w105': 25, 'article-w104': 40, 'article-b-w104': 40, 'drlocale-zh-w104': 25, 'drprefaceintro-en-w104': 25, 'article-w103': 40, 'article-b-w103': 40, 'drdatasec-zh-w103': 25, 'drpkgtips-en-w103': 25, 'article-w102': 40, 'article-b-w102': 40, 'drsysadmin-zh-w102': 25, 'drtextproc-en-w102': 25, 'article-w101': 40, 'article-b-w101': 40, 'drsystemd-zh-w101': 25, 'drconventions-en-w101': 25, 'article-w100': 40, 'article-b-w100': 40, 'dradvpkg-zh-w100': 25, 'drpkginternals-en-w100': 25, 'article-w99': 40, 'article-b-w99': 40, 'drkernelcfg-zh-w99': 25, 'drdiskimg-en-w99': 25, 'article-w98': 40, 'article-b-w98': 40, 'drbinary-zh-w98': 25, 'drencrypt-en-w98': 25, 'article-w97': 40, 'article-b-w97': 40, 'drguiapp-zh-w97': 25, 'drunixauth-en-w97': 25, 'article-w96': 40, 'article-b-w96': 40, 'drcompile-zh-w96': 25, 'drtypeset-en-w96': 25, 'article-w95': 40, 'article-b-w95': 40, 'drnetopt-zh-w95': 25, 'drdebug-en-w95': 25, 'article-w94': 40, 'article-b-w94': 40, 'drtypeset-zh-w94': 25, 'drbuildtool-en-w94': 25, 'article-w93': 40, 'article-b-w93': 40, 'drvim-zh-w93': 25, 'drlownet-en-w93': 25, 'article-w92': 40, 'article-b-w92': 40, 'drlint-zh-w92': 25, 'drxconn-en-w92': 25, 'article-w91': 40, 'article-b-w91': 40, 'draccess-zh-w91': 25, 'drsandbox-en-w91': 25, 'article-w90': 40, 'article-b-w90': 40, 'drsecauth-zh-w90': 25, 'drnetopt-en-w90': 25, 'article-w89': 40, 'article-b-w89': 40, 'drinterp-zh-w89': 25, 'drprocess-en-w89': 25, 'article-w88': 40, 'article-b-w88': 40, 'drconv-zh-w88': 25, 'drnet-en-w88': 25, 'article-w87': 40, 'article-b-w87': 40, 'drprint-zh-w87': 25, 'drcompile-en-w87': 25, 'article-w86': 40, 'article-b-w86': 40, 'drscript-zh-w86': 25, 'drlint-en-w86': 25, 'article-w85': 40, 'article-b-w85': 40, 'drdebug-zh-w85': 25, 'drgraphic-en-w85': 25, 'article-w84': 40, 'article-b-w84': 40, 'drlog-zh-w84': 25, 'drxml-en-w84': 25, 'article-w83': 40, 'article-b-w83': 40, 'drnetbase-zh-w83': 25, 'drconsole-en-w83': 25, 'article-w82': 40, 'article-b-w82': 40, 'drpam-zh-w82': 25, 'drfonts-en-w82': 25, 'article-w81': 40, 'article-b-w81': 40, 'drbackup-zh-w81': 25, 'drnetapp-en-w81': 25, 'article-w80': 40, 'article-b-w80': 40, 'drssh-zh-w80': 25, 'drmaint-en-w80': 25, 'article-w79': 40, 'article-b-w79': 40, 'drrecover-zh-w79': 25, 'drstore-en-w79': 25, 'article-w78': 40, 'article-b-w78': 40, 'drnetapp-zh-w78': 25, 'drshellcmd-en-w78': 25, 'article-w77': 40, 'article-b-w77': 40, 'drvirt-zh-w77': 25, 'pysmall-en-w77': 25, 'article-w76': 40, 'article-b-w76': 40, 'drpreface-zh-w76': 25, 'pywave-en-w76': 25, 'article-w75': 40, 'article-b-w75': 40, 'drpkgtips-zh-w75': 25, 'drappendix-en-w75': 25, 'article-w74': 40, 'article-b-w74': 40, 'drshell-zh-w74': 25, 'drrecover-en-w74': 25, 'article-w73': 40, 'article-b-w73': 40, 'drpkgint-zh-w73': 25, 'drpkgops-en-w73': 25, 'article-w72': 40, 'article-b-w72': 40, 'drcrypt-zh-w72': 25, 'drvirt-en-w72': 25, 'article-w71': 40, 'article-b-w71': 40, 'drbuild-zh-w71': 25, 'drkernel-en-w71': 25, 'article-w70': 40, 'article-b-w70': 40, 'drimage-zh-w70': 25, 'drbinary-en-w70': 25, 'article-w69': 40, 'article-b-w69': 40, 'drstore-zh-w69': 25, 'pynetrc-en-w69': 25, 'article-w68': 40, 'article-b-w68': 40, 'drtext-zh-w68': 25, 'pyfileinput-en-w68': 25, 'article-w67': 40, 'article-b-w67': 40, 'drmaint-zh-w67': 25, 'pyzlib-en-w67': 25, 'article-w66': 40, 'article-b-w66': 40, 'drgit-zh-w66': 25, 'pybz2-en-w66': 25, 'article-w65': 40, 'article-b-w65': 40, 'hbsuper-zh-w65': 25, 'pysched-en-w65': 25, "article-w64":40,"article-b-w64":40,"hbnfs-zh-w64":25,"pyatexit-en-w64":25,"article-w63":40,"article-b-w63":40,"hbusers-zh-w63":25,"pyreprlib-en-w63":25,"article-w62":40,"article-b-w62":40,"hbproc-zh-w62":25,"pypprint-en-w62":25,"article-w61":40,"article-b-w61":40,"hbnetcfg-zh-w61":25,"pyshelve-en-w61":25,'article-w60':40,'article-b-w60':40,'hbsrcpkg-zh-w60':25,'pycopy-en-w60':25,'article-w59':40,'article-b-w59':40,'hbfirstpkg-zh-w59':25,'pyfractions-en-w59':25,'article-w58':40,'article-b-w58':40,'aptrepo-zh-w58':25,'pygzip-en-w58':25,'article-w57':40,'article-b-w57':40,'aptfront-zh-w57':25,'pygraphlib-en-w57':25,'article-w56':40,'article-b-w56':40,'hotplug-zh-w56':25,'pybisect-en-w56':25,'article-w55':40,'article-b-w55':40,'hbbackup-zh-w55':25,'pygetopt-en-w55':25,'article-w54':40,'article-b-w54':40,'hblocale-zh-w54':25,'pyheapq-en-w54':25,'article-w53':40,'article-b-w53':40,'hbboot-zh-w53':25,'pyfnmatch-en-w53':25,'article-w52':40,'article-b-w52':40,'hbsources-zh-w52':25,'pyuuid-en-w52':25,'article-w51':40,'article-b-w51':40,'hbremote-zh-w51':25,'pyglob-en-w51':25,'article-w50':40,'article-b-w50':40,'hbpostfix-zh-w50':25,'pytextwrap-en-w50':25,'article-w49':40,'article-b-w49':40,'hbraid-zh-w49':25,'pyfilecmp-en-w49':25,'article-w48':40,'article-b-w48':40,'hbselinux-zh-w48':25,'pysecrets-en-w48':25,'article-w47':40,'article-b-w47':40,'hbkern-zh-w47':25,'pytemp-en-w47':25,'article-w46':40,'article-b-w46':40,'hbdpkg-zh-w46':25,'pyvenv-en-w46':25,'article-w45':40,'article-b-w45':40,'hbcfg-zh-w45':25,'pyshlex-en-w45':25,'article-w44':40,'article-b-w44':40,'hbmaint-zh-w44':25,'pyzip-en-w44':25,'article-w43':40,'article-b-w43':40,'hbint-zh-w43':25,'pyinst-en-w43':25,'article-w42':40,'article-b-w42':40,'hbmeta-zh-w42':25,'pyiso-en-w42':25,'article-w41':40,'article-b-w41':40,'hbaptget-zh-w41':25,'pyanno-en-w41':25,'article-w40':40,'article-b-w40':40,'hbmon-zh-w40':25,'pyext-en-w40':25,'article-w39':40,'article-b-w39':40,'hbldap-zh-w39':25,'bash10-en-w39':25,'article-w38':40,'article-b-w38':40,'hbweb-zh-w38':25,'pywin-en-w38':25,'article-w37':40,'article-b-w37':40,'hbvirt-zh-w37':25,'pylib-en-w37':25,'article-w36':40,'article-b-w36':40,'hbinst-zh-w36':25,'pydesign-en-w36':25,'article-w35':40,'article-b-w35':40,'hbcase-zh-w35':25,'pyfaq-en-w35':25,'article-w34':40,'article-b-w34':40,'hbproj-zh-w34':25,'bash-en-w34':25,'article-w33':40,'article-b-w33':40,'gfiles-zh-w33':25,'aptguide-en-w33':25,'article-w32':40,'article-b-w32':40,'gkeys-zh-w32':25,'aptdoc-en-w32':25,'article-w31':40,'article-b-w31':40,'sdconf-zh-w31':25,'khb-en-w31':25,'article-w30':40,'article-b-w30':40,'gpower-zh-w30':25,'pyhowto-en-w30':25,'article-w29':40,'gcolor-zh-w29':25,'gprint-en-w29':25,'sqlite-en-w29':25,'article-w28':40,'article-b-w28':40,'article-w27':40,'policy-en-w27':25,'manzh2-zh-w27':25,'perlpol-en-w26':25,'article-w26':40,'manzh-zh-w26':25,'manen-en-w26':25,'article-w25':40,'gimphist-zh-w25':25,'gimphist-en-w25':25,'devref-en-w25':25,'article-w24':40,'git-en-w24':25,'debmake-zh-w24':25,'debmake-en-w24':25,'article-w23':40,'rosegarden-zh-w23':25,'rosegarden-en-w23':25,'audacity-en-w23':25,'article-w22':40,'wenkai-zh-w22':25,'dhist-en-w22':25,'cnc-en-w22':25,'itil-zh-w22':25,'itil-en-w22':25,'article-w21':40,'lily-zh-w21':25,'lily-en-w21':25,'pytut-en-w21':25,'article-w21':40,'lohelp-zh-w21':25,'lohelp-en-w21':25,'pgdoc-en-w21':25,'article-w21':40,'gimp3-en-w21':25,'debreftw3-zh-w21':25,'article-w17':40,'kicad-zh-w17':25,'kicad-en-w17':25,'gimp-en-w17':25,'debreftw-zh-w17':25,'article-w16':40,'ig-zh-w16':25,'ig-en-w16':25,'igmd-zh-w16':25,'igmd-en-w16':25,'article-w15':40,'faq-zh-w15':25,'faq-en-w15':25,'mg-zh-w15':25,'mg-en-w15':25,'article-w14':40,'hbnet-zh-w14':25,'hbnet-en-w14':25,'hbhelp-zh-w14':25,'hbhelp-en-w14':25,'article-w12':40,'hbpdf-zh-w12':25,'hbpdf-en-w12':25,'hbdocx-zh-w12':25,'hbdocx-en-w12':25,'article-w11':40,'handbook-zh-w11':25,'handbook-en-w11':25,'man5-zh-w11':25,'man5-en-w11':25,'article-w10':40,'debref7-zh-w10':25,'debref7-en-w10':25,'man4-zh-w10':25,'man4-en-w10':25,'article-w9':40,'debref6-zh-w9':25,'debref6-en-w9':25,'man3-zh-w9':25,'man3-en-w9':25,'article-w8':40,'edu4-zh-w8':25,'edu4-en-w8':25,'article-w6':40,'debref5-zh-w6':25,'debref5-en-w6':25,'man-zh-w6':25,'man-en-w6':25,'man2-zh-w7':25,'man2-en-w7':25,'article-w5':40,'edu3-zh-w5':25,'edu3-en-w5':25,'debref4-zh-w5':25,'debref4-en-w5':25,'md2-en-w5':30,'debref3-zh-w4':25,'debref3-en-w4':25,'mdreadme-en-w4':30,'article-w2':40,'debref-zh-w2':30,'debref-en-w2':25,'edu-zh-w2':25,'edu-en-w2':25,'article-w3':40,'debref2-zh-w3':25,'debref2-en-w3':25,'edu2-zh-w3':25,'edu2-en-w3':25,'nodeapi-en-w3':30};
const norm=s=>s.normalize('NFKC').replace(/\s+/g,'');
let errors=0, warns=0; const err=(m)=>{errors++;console.log('ERROR',m)}; const warn=(m)=>{warns++;console.log('WARN ',m)};
const files=process.argv.slice(2).length?process.argv.slice(2):fs.readdirSync(SETS).filter(f=>/-w(?:[2-9]|[1-9][0-9]|[1-9][0-9]{2})\.json$/.test(f)).map(f=>path.join(SETS,f));
for(const f of files){
  let set; try{set=JSON.parse(fs.readFileSync(f,'utf8'))}catch(e){err(`${f}: bad JSON ${e.message}`);continue}
  const c=set.corpus; const dir=path.join(CORP,c); const name=path.basename(f,'.json');
  if(!fs.existsSync(dir)){err(`${f}: unknown corpus ${c}`);continue}
  if(!set.about||!set.written) err(`${f}: missing about/written`);
  const docs={}; for(const d of fs.readdirSync(dir).filter(x=>/\.(txt|md|html|pdf|docx)$/.test(x))){
    // HTML: evidence is checked against the visible text the reader extracted when the set was written
    // (extracted/<corpus>/<file>.txt, the reader of 84508c8; later readers keep more, e.g. DocBook sidebars).
    const src=/\.(html|pdf|docx)$/.test(d)?path.join(BANK,'extracted',c,d+'.txt'):path.join(dir,d);
    if(!fs.existsSync(src)){err(`${c}/${d}: ${src} missing`);continue}
    docs[d]=fs.readFileSync(src,'utf8');
  }
  const allNorm=Object.values(docs).map(norm).join('\u0000').toLowerCase();
  const ids=new Set(); const kinds={}; let refuse=0, xl=0;
  const cases=set.cases||[];
  if(SIZES[name]&&cases.length!==SIZES[name]) err(`${name}: ${cases.length} cases, want ${SIZES[name]}`);
  for(const k of cases){
    const id=k.id||'?'; const P=`${c}/${id}`;
    if(ids.has(id)) err(`${P}: duplicate id`); ids.add(id);
    if(!KINDS.has(k.kind)) err(`${P}: bad kind ${k.kind}`); kinds[k.kind]=(kinds[k.kind]||0)+1;
    if(!k.q||typeof k.q!=='string') err(`${P}: missing q`);
    if(!['zh','en'].includes(k.lang)) err(`${P}: bad lang`);
    if(!Array.isArray(k.expect)) err(`${P}: expect not array`);
    if(k.history){ if(!Array.isArray(k.history)||k.history.length%2||k.history.some((h,i)=>h.role!==(i%2?'assistant':'user')||!h.content)) err(`${P}: bad history`); }
    if(k.kind==='followup'&&!k.history) err(`${P}: followup without history`);
    const isCross=(k.kind==='crosslingual')||(k.lang==='en'&&/-zh$|^article$/.test(c))||(k.lang==='zh'&&/-en$/.test(c));
    if(isCross) xl++;
    if(k.kind==='refuse'){
      refuse++;
      if((k.expect||[]).length||k.evidence||k.doc) err(`${P}: refusal must have empty expect/evidence/doc`);
      for(const a of (k.absent||[])){ if(allNorm.includes(norm(a).toLowerCase())) err(`${P}: absent word "${a}" occurs in corpus`); }
      continue;
    }
    if(!k.doc||!docs[k.doc]){err(`${P}: doc "${k.doc}" not in corpus`);continue}
    const d=docs[k.doc]; const ev=k.evidence||'';
    if([...ev].length<4||[...ev].length>30) err(`${P}: evidence length ${[...ev].length}`);
    if(/[\r\n]/.test(ev)) err(`${P}: evidence has line break`);
    const pos=d.indexOf(ev);
    if(pos<0) err(`${P}: evidence not found in ${k.doc}: "${ev}"`);
    if(!(k.expect||[]).length) {err(`${P}: empty expect`);continue}
    const nd=norm(d).toLowerCase();
    const hit=k.expect.filter(e=>nd.includes(norm(e).toLowerCase()));
    if(!hit.length){
      // allow a faithful number/name: its digits/latin tokens must appear near the evidence
      const vic=pos>=0?norm(d.slice(Math.max(0,pos-600),pos+600)).toLowerCase():'';
      const ok=k.expect.some(e=>{const toks=(norm(e).toLowerCase().match(/[0-9.]+|[a-z][a-z0-9_\-\.\/]+/g)||[]);return toks.length&&toks.every(t=>vic.includes(t))});
      if(ok) warn(`${P}: no expect form verbatim in doc; accepted via tokens near evidence (${k.expect.join(' | ')})`);
      else err(`${P}: no expect form found in doc: ${k.expect.join(' | ')}`);
    }
  }
  console.log(`${c}: ${cases.length} cases; refuse ${refuse} (${(100*refuse/Math.max(1,cases.length)).toFixed(0)}%); crosslingual-language ${xl}; kinds ${JSON.stringify(kinds)}`);
}
console.log(`TOTAL errors=${errors} warnings=${warns}`);
process.exit(errors?1:0);
