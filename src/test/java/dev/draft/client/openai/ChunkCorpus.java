package dev.draft.client.openai;

import static dev.draft.client.sse.TestBytes.bytes;
import static dev.draft.client.sse.TestBytes.concat;
import static dev.draft.client.sse.TestBytes.utf8;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streams of chat-completion chunks as servers send them, odd ones included, for checking that
 * every way of reading a chunk comes to the same drafts. In the JSON below {@code '} stands for
 * {@code "}.
 */
final class ChunkCorpus {
  private ChunkCorpus() {}

  /**
   * One event of a stream.
   *
   * @param type the SSE event type, or null
   * @param data the data as the SSE parser hands it over: lines joined with LF, undecoded
   * @param direct whether {@link ChunkReader} reads it itself; false when the tree must, or when it
   *     is not a chunk at all ({@code [DONE]}, blank)
   */
  record Event(String type, byte[] data, boolean direct) {
    String text() {
      return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return (type == null ? "" : "event: " + type + " ") + text();
    }
  }

  record Stream(String name, List<Event> events) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Stream> streams() {
    List<Stream> streams = new ArrayList<>();
    streams.add(
        stream(
            "OpenAI: role chunk, text, finish, final usage of its own",
            direct(
                "{'id':'chatcmpl-1','object':'chat.completion.chunk','created':1718000000,"
                    + "'model':'gpt-4o-mini','system_fingerprint':'fp_1','choices':[{'index':0,"
                    + "'delta':{'role':'assistant','content':'','refusal':null},'logprobs':null,"
                    + "'finish_reason':null}],'usage':null}"),
            direct(
                "{'id':'chatcmpl-1','object':'chat.completion.chunk','choices':[{'index':0,"
                    + "'delta':{'content':'Hello'},'logprobs':null,'finish_reason':null}]}"),
            direct("{'id':'chatcmpl-1','choices':[{'index':0,'delta':{'content':' world'}}]}"),
            direct(
                "{'id':'chatcmpl-1','choices':[{'index':0,'delta':{},'logprobs':null,"
                    + "'finish_reason':'stop'}],'usage':null}"),
            direct(
                "{'id':'chatcmpl-1','choices':[],'usage':{'prompt_tokens':9,"
                    + "'completion_tokens':12,'total_tokens':21,'prompt_tokens_details':"
                    + "{'cached_tokens':0,'audio_tokens':0},'completion_tokens_details':"
                    + "{'reasoning_tokens':0,'accepted_prediction_tokens':0}}}"),
            done()));
    streams.add(
        stream(
            "two choices interleaved, and several in one chunk",
            direct("{'choices':[{'index':1,'delta':{'role':'assistant','content':'Rhine'}}]}"),
            direct("{'choices':[{'index':0,'delta':{'content':'Volga'}}]}"),
            direct(
                "{'choices':[{'index':0,'delta':{'content':'!'},'finish_reason':'stop'},"
                    + "{'index':1,'delta':{'content':'?'},'finish_reason':'length'}]}"),
            direct("{'choices':[],'usage':{'prompt_tokens':20,'completion_tokens':8}}"),
            done()));
    streams.add(
        stream(
            "vLLM: running totals on every chunk, then one of its own",
            direct(
                "{'choices':[{'index':0,'delta':{'content':'a'}}],"
                    + "'usage':{'prompt_tokens':5,'completion_tokens':1}}"),
            direct(
                "{'choices':[{'index':1,'delta':{'content':'b'}}],"
                    + "'usage':{'prompt_tokens':5,'completion_tokens':2}}"),
            direct(
                "{'choices':[{'index':0,'delta':{},'finish_reason':'stop'}],"
                    + "'usage':{'prompt_tokens':5,'completion_tokens':3}}"),
            direct(
                "{'choices':[{'index':1,'delta':{},'finish_reason':'stop'}],"
                    + "'usage':{'prompt_tokens':5,'completion_tokens':4}}"),
            direct("{'choices':[],'usage':{'prompt_tokens':5,'completion_tokens':4}}")));
    streams.add(
        stream(
            "llama.cpp: a usage chunk of its own after each choice finishes",
            direct("{'choices':[{'index':0,'delta':{'content':'one'}}]}"),
            direct("{'choices':[{'index':1,'delta':{'content':'two'}}]}"),
            direct("{'choices':[{'index':1,'delta':{},'finish_reason':'stop'}]}"),
            direct("{'choices':[],'usage':{'prompt_tokens':7,'completion_tokens':3}}"),
            direct("{'choices':[{'index':0,'delta':{'content':' more'}}]}"),
            direct("{'choices':[{'index':0,'delta':{},'finish_reason':'length'}]}"),
            direct("{'usage':{'prompt_tokens':8,'completion_tokens':5},'timings':{'n':1}}"),
            done()));
    streams.add(
        stream(
            "usage inside each choice, and on the chunk too",
            direct(
                "{'choices':[{'index':0,'delta':{'content':'x'},'finish_reason':'stop',"
                    + "'usage':{'prompt_tokens':3,'completion_tokens':1}},{'index':1,"
                    + "'delta':{'content':'y'},'usage':{'prompt_tokens':3,'completion_tokens':2}}]}"),
            direct(
                "{'usage':{'prompt_tokens':4,'completion_tokens':9},'choices':[{'index':1,"
                    + "'finish_reason':'stop','usage':{'completion_tokens':6}}]}")));
    streams.add(
        stream(
            "usage chunks without choices before any finish are running totals",
            direct("{'choices':[{'index':0,'delta':{'content':'a'}}]}"),
            direct("{'choices':[],'usage':{'prompt_tokens':2,'completion_tokens':1}}"),
            direct("{'choices':null,'usage':{'prompt_tokens':2,'completion_tokens':2}}"),
            direct("{'choices':[{'index':0,'delta':{},'finish_reason':'stop'}]}"),
            direct("{'usage':{'prompt_tokens':2,'completion_tokens':3}}")));
    streams.add(
        stream(
            "reasoning fields: reasoning_content wins, even when empty",
            direct("{'choices':[{'index':0,'delta':{'reasoning_content':'think'}}]}"),
            direct("{'choices':[{'index':0,'delta':{'reasoning':' ollama'}}]}"),
            direct("{'choices':[{'index':0,'delta':{'reasoning_content':' a','reasoning':'b'}}]}"),
            direct("{'choices':[{'index':0,'delta':{'reasoning':'c','reasoning_content':' d'}}]}"),
            direct(
                "{'choices':[{'index':0,'delta':{'reasoning_content':'','reasoning':'hidden'}}]}"),
            direct("{'choices':[{'index':0,'delta':{'reasoning_content':null,'reasoning':' e'}}]}"),
            direct(
                "{'choices':[{'index':0,'delta':{'reasoning_content':{'x':[1]},"
                    + "'reasoning':' f'}}]}"),
            direct("{'choices':[{'index':0,'delta':{'reasoning_content':[],'reasoning':null}}]}"),
            direct(
                "{'choices':[{'index':0,'delta':{'content':'text','reasoning':' both',"
                    + "'reasoning_details':[{'type':'reasoning.text','text':'x'}]}}]}"),
            direct("{'choices':[{'index':0,'delta':{},'finish_reason':'stop'}]}")));
    streams.add(
        stream(
            "only reasoning, then the stream ends without a finish",
            direct("{'choices':[{'index':0,'delta':{'role':'assistant','reasoning':'hmm'}}]}")));
    streams.add(
        stream(
            "message instead of delta, and delta winning over message",
            direct(
                "{'choices':[{'index':0,'message':{'role':'assistant','content':'whole',"
                    + "'reasoning_content':'why'},'finish_reason':'stop'}]}"),
            direct("{'choices':[{'index':1,'delta':{'content':'d'},'message':{'content':'m'}}]}"),
            direct("{'choices':[{'index':1,'message':{'content':'m2'},'delta':null}]}"),
            direct("{'choices':[{'index':1,'delta':'text','message':{'content':'m3'}}]}"),
            direct("{'choices':[{'index':1,'message':[1,{'content':'m4'}]}]}"),
            direct("{'choices':[{'index':1,'message':'m5'}]}"),
            direct("{'choices':[{'index':1,'delta':{'content':'x'},'message':null}]}"),
            direct("{'choices':[{'index':1,'message':{'content':'y'},'delta':{'content':'z'}}]}"),
            direct("{'choices':[{'index':1,'delta':{},'message':{'content':'unused'}}]}")));
    streams.add(
        stream(
            "odd deltas and texts",
            direct("{'choices':[{'index':0,'delta':null}]}"),
            direct("{'choices':[{'index':0,'delta':[{'content':'no'}]}]}"),
            direct("{'choices':[{'index':0,'delta':{'content':null}}]}"),
            direct("{'choices':[{'index':0,'delta':{'content':{'text':'no'}}}]}"),
            direct("{'choices':[{'index':0,'delta':{'content':[{'type':'text','text':'no'}]}}]}"),
            direct("{'choices':[{'index':0,'delta':{'content':''}}]}"),
            tree("{'choices':[{'index':0,'delta':{'content':42}}]}"),
            tree("{'choices':[{'index':0,'delta':{'content':-0}}]}"),
            tree("{'choices':[{'index':0,'delta':{'content':true}}]}"),
            tree("{'choices':[{'index':0,'delta':{'content':1.50}}]}"),
            tree("{'choices':[{'index':0,'delta':{'content':1e400}}]}"),
            tree("{'choices':[{'index':0,'delta':{'reasoning':false}}]}"),
            tree("{'choices':[{'index':0,'delta':{'content':'a'},'finish_reason':0}]}"),
            direct("{'choices':[{'index':0,'delta':{'content':'end'},'finish_reason':'stop'}]}")));
    streams.add(
        stream(
            "finish reasons: null, empty, repeated, before and after text",
            direct("{'choices':[{'index':0,'delta':{},'finish_reason':null}]}"),
            direct("{'choices':[{'index':0,'delta':{'content':'a'},'finish_reason':''}]}"),
            direct("{'choices':[{'index':1,'finish_reason':'stop'}]}"),
            direct("{'choices':[{'index':1,'delta':{'content':'late'}}]}"),
            direct("{'choices':[{'index':1,'finish_reason':'length'}]}"),
            direct("{'choices':[{'index':0,'finish_reason':{'type':'stop'}}]}"),
            direct("{'choices':[{'index':0,'finish_reason':['stop']}]}"),
            direct("{'choices':[{'index':0,'finish_reason':'content_filter'}]}")));
    streams.add(
        stream(
            "stop_sequence and other finish reasons",
            direct("{'choices':[{'index':0,'delta':{'content':'x'}}]}"),
            direct("{'choices':[{'index':0,'delta':{},'finish_reason':'tool_calls'}]}")));
    streams.add(
        stream(
            "indices: missing, null, containers, negative, large; strings and others for the tree",
            direct("{'choices':[{'delta':{'content':'no index'}}]}"),
            direct("{'choices':[{'index':null,'delta':{'content':' null'}}]}"),
            direct("{'choices':[{'index':{'n':2},'delta':{'content':' object'}}]}"),
            direct("{'choices':[{'index':[2],'delta':{'content':' array'}}]}"),
            direct("{'choices':[{'index':-1,'delta':{'content':'minus'}}]}"),
            direct("{'choices':[{'index':2147483647,'delta':{'content':'max'}}]}"),
            direct("{'choices':[{'index':-0,'delta':{'content':' zero'}}]}"),
            tree("{'choices':[{'index':'1','delta':{'content':'string'}}]}"),
            tree("{'choices':[{'index':' 2 ','delta':{'content':'spaced'}}]}"),
            tree("{'choices':[{'index':'x','delta':{'content':'word'}}]}"),
            tree("{'choices':[{'index':1.9,'delta':{'content':' fraction'}}]}"),
            tree("{'choices':[{'index':true,'delta':{'content':' boolean'}}]}"),
            tree("{'choices':[{'index':3000000000,'delta':{'content':'long'}}]}"),
            tree("{'choices':[{'index':99999999999999999999,'delta':{'content':'big'}}]}")));
    streams.add(
        stream(
            "choices that are not a list of objects",
            direct("{'choices':null,'usage':{'prompt_tokens':1,'completion_tokens':1}}"),
            direct("{'choices':{'index':0,'delta':{'content':'object'}}}"),
            direct("{'choices':'x'}"),
            direct("{'choices':[]}"),
            direct("{'choices':[null]}"),
            direct("{'choices':[1,'a',true],'usage':{'prompt_tokens':2,'completion_tokens':2}}"),
            direct("{'choices':[[{'index':1,'delta':{'content':'nested'}}]]}"),
            direct("{'choices':[{}]}"),
            direct("{'choices':[{},{'index':1}]}"),
            direct("{}")));
    streams.add(
        stream(
            "an element of choices that is not an object makes a choice 0 with nothing in it",
            direct("{'choices':[{'index':2,'delta':{'content':'two'},'finish_reason':'stop'}]}"),
            direct("{'choices':['x']}"),
            direct("{'choices':[[{'index':1,'delta':{'content':'nested'}}]]}")));
    // Each in a stream of its own: a later usage would hide what an earlier one counted.
    List<String> usages =
        List.of(
            "null",
            "[]",
            "'x'",
            "true",
            "{'prompt_tokens':'12','completion_tokens':'3'}",
            "{'prompt_tokens':null,'completion_tokens':{'n':1}}",
            "{'prompt_tokens':-4,'completion_tokens':0}",
            "{'prompt_tokens':-4,'completion_tokens':2}",
            "{'prompt_tokens':0,'completion_tokens':0}",
            "{'completion_tokens':7}",
            "{'prompt_tokens':40000000000,'completion_tokens':2}",
            "{'prompt_tokens':true,'completion_tokens':[1,2],'total_tokens':3}");
    for (String usage : usages) {
      streams.add(
          stream(
              "usage " + json(usage) + " of its own, and attached to a choice",
              direct("{'choices':[{'index':0,'delta':{'content':'u'},'finish_reason':'stop'}]}"),
              direct("{'choices':[],'usage':" + usage + "}")));
      streams.add(
          stream(
              "usage " + json(usage) + " attached to a choice and to its chunk",
              direct(
                  "{'choices':[{'index':0,'delta':{'content':'u'},'usage':"
                      + usage
                      + "},{'index':1,'finish_reason':'stop'}],'usage':"
                      + usage
                      + "}")));
    }
    streams.add(
        stream(
            "usage counts the tree converts: fractions and huge numbers",
            direct("{'choices':[{'index':0,'delta':{'content':'u'},'finish_reason':'stop'}]}"),
            tree("{'choices':[],'usage':{'prompt_tokens':12.7,'completion_tokens':3}}"),
            tree("{'choices':[],'usage':{'prompt_tokens':1e2,'completion_tokens':3}}"),
            tree("{'choices':[],'usage':{'prompt_tokens':99999999999999999999}}")));
    streams.add(
        stream(
            "error: null is no error",
            direct("{'error':null,'choices':[{'index':0,'delta':{'content':'fine'}}]}"),
            direct("{'choices':[{'index':0,'delta':{},'finish_reason':'stop'}],'error':null}")));
    streams.add(
        stream(
            "an error object in a chunk fails what has not finished",
            direct("{'choices':[{'index':0,'delta':{'content':'a'},'finish_reason':'stop'}]}"),
            direct("{'choices':[{'index':1,'delta':{'content':'b'}}]}"),
            tree(
                "{'error':{'message':'The server had an error\\n while processing','type':"
                    + "'server_error','code':null}}")));
    streams.add(
        stream(
            "error shapes in chunks",
            tree("{'error':'overloaded','message':['try','later']}"),
            tree("{'error':{},'choices':[{'index':0,'delta':{'content':'x'}}]}"),
            tree("{'error':false}"),
            tree("{'error':[]}")));
    streams.add(
        stream(
            "an error object with choices: the error wins",
            direct("{'choices':[{'index':0,'delta':{'content':'a'}}]}"),
            tree(
                "{'choices':[{'index':0,'delta':{'content':'b'}}],"
                    + "'error':{'message':'rate limited','code':'rate_limit_exceeded'}}")));
    streams.add(
        stream(
            "error events: JSON without choices, with choices, and not JSON",
            direct("{'choices':[{'index':0,'delta':{'content':'a'}}]}"),
            event("error", "{'choices':[{'index':1,'delta':{'content':'b'}}]}", false),
            event("error", "{'choices':[],'error':null}", false),
            event("error", "{'message':'flat message','code':503}", false),
            event("error", "{'detail':[{'loc':['body','n'],'msg':'too big'}]}", false),
            event("error", "Internal   Server\nError", false)));
    streams.add(
        stream(
            "an error event that is not JSON",
            direct("{'choices':[{'index':0,'delta':{'content':'a'}}]}"),
            event("error", "upstream timed out", false)));
    streams.add(
        stream(
            "an error event that is a JSON value but not an object",
            event("error", "'just a string'", false),
            event("error", "[1,2]", false)));
    streams.add(
        stream(
            "other event types are chunks",
            event("message", "{'choices':[{'index':0,'delta':{'content':'m'}}]}", true),
            event("ping", "{'choices':[{'index':0,'delta':{'content':'p'}}]}", true),
            event("message", "[DONE]", false),
            direct("{'choices':[{'index':0,'delta':{'content':'after done'}}]}")));
    streams.add(
        stream(
            "data that is not JSON, or not an object",
            direct("{'choices':[{'index':0,'delta':{'content':'a'}}]}"),
            tree("ping"),
            tree("{"),
            tree("{'choices':[{'index':0,'delta':{'content':'cut"),
            tree("{'choices':[{'index':0,'delta':{'content':'b'}}]"),
            tree("{'choices':[{'index':0,'delta':{'content':'c'},}]}"),
            tree("{'choices':[{'index':0,'delta':{'content':'d'}}],'x':tru}"),
            tree("{'choices':[{'index':0,'delta':{'content':'e'}}],'x':[1,2}"),
            tree("{'choices':[{'index':0,'delta':{'content':'f'}}],'x':'\\q'}"),
            tree("{'choices':[{'index':0,'delta':{'content':'g'}}],'x':01}"),
            tree("{'choices':[{'index':0,'delta':{'content':'h'}}],'x':NaN}"),
            tree("{'choices':[{'index':0,'delta':{'content':'i'}}] /* comment */}"),
            tree("{choices:[{'index':0,'delta':{'content':'j'}}]}"),
            tree("[{'choices':[{'index':0,'delta':{'content':'k'}}]}]"),
            tree("42"),
            tree("'text'"),
            tree("null"),
            tree("true")));
    streams.add(
        stream(
            "a control character inside a skipped string",
            direct("{'choices':[{'index':0,'delta':{'content':'a'}}]}"),
            tree("{'choices':[{'index':0,'delta':{'content':'b'}}],'x':'tab\there'}")));
    streams.add(
        stream(
            "what follows the object is never read",
            direct("{'choices':[{'index':0,'delta':{'content':'a'}}]} trailing words"),
            direct("{'choices':[{'index':0,'delta':{'content':'b'}}]}}"),
            direct(
                "{'choices':[{'index':0,'delta':{'content':'c'}}]}"
                    + "{'choices':[{'index':0,'delta':{'content':'second'}}]}"),
            direct("{'choices':[{'index':0,'delta':{'content':'d'}}]} {")));
    streams.add(
        stream(
            "unknown fields at every level, nested objects and arrays skipped",
            direct(
                "{'id':'x','object':'chat.completion.chunk','created':1,'model':'m',"
                    + "'prompt_filter_results':[{'prompt_index':0,'content_filter_results':"
                    + "{'hate':{'filtered':false,'severity':'safe'}}}],'choices':[]}"),
            direct(
                "{'x_groq':{'id':'req','usage':{'prompt_tokens':99,'completion_tokens':99}},"
                    + "'choices':[{'index':0,'delta':{'role':'assistant','content':'a',"
                    + "'tool_calls':[{'index':0,'id':'call_1','type':'function','function':"
                    + "{'name':'f','arguments':'{\\'content\\':\\'no\\'}'}}],"
                    + "'function_call':null,'refusal':null,'annotations':[],'audio':{'id':'a'}},"
                    + "'logprobs':{'content':[{'token':'a','logprob':-0.1,'bytes':[97],"
                    + "'top_logprobs':[{'token':'b','logprob':-2.5,'bytes':[98]}]}]},"
                    + "'content_filter_results':{},'stop_reason':null,'matched_stop':null,"
                    + "'native_finish_reason':'STOP','text':'not content'}],"
                    + "'service_tier':'default','obfuscation':'ab12','timings':"
                    + "{'predicted_ms':1.5,'predicted_n':1},'content':'top-level, not read',"
                    + "'reasoning':'top-level, not read','index':7,'finish_reason':'stop',"
                    + "'message':{'content':'not read'},'delta':{'content':'not read'}}"),
            direct(
                "{'choices':[{'index':0,'delta':{'content':'b','extra':{'content':'no',"
                    + "'reasoning':'no','deep':[[[[{'content':'no'}]]]]}},'finish_reason':"
                    + "'stop','usage':{'prompt_tokens':3,'completion_tokens':2,"
                    + "'completion_tokens_details':{'prompt_tokens':100}}}],"
                    + "'usage':{'prompt_tokens':5,'completion_tokens':6,'details':"
                    + "{'completion_tokens':100,'list':[{'prompt_tokens':1}]}}}")));
    streams.add(
        stream(
            "unknown fields that repeat a known name one level down",
            direct(
                "{'choices':[{'index':0,'delta':{'content':'a','choices':[{'index':1}],"
                    + "'usage':{'prompt_tokens':50,'completion_tokens':50},'delta':"
                    + "{'content':'no'},'index':3,'finish_reason':'stop'}}],'choices_extra':[1]}")));
    streams.add(
        stream(
            "fields in any order",
            direct(
                "{'usage':{'completion_tokens':2,'prompt_tokens':1},'choices':[{'finish_reason':"
                    + "null,'delta':{'reasoning':'r','content':'c'},'index':1}],'id':'z'}"),
            direct(
                "{'choices':[{'usage':{'prompt_tokens':1,'completion_tokens':3},"
                    + "'finish_reason':'stop','delta':{'content':'!'},'index':1}]}")));
    streams.add(
        stream(
            "a field the reader uses, given twice: the tree keeps the last",
            tree(
                "{'choices':[{'index':0,'delta':{'content':'first'}}],"
                    + "'choices':[{'index':1,'delta':{'content':'second'}}]}"),
            tree("{'choices':[{'index':0,'index':1,'delta':{'content':'i'}}]}"),
            tree("{'choices':[{'index':0,'delta':{'content':'x','content':'y'}}]}"),
            tree("{'choices':[{'index':0,'delta':{'content':'x'},'delta':{'content':'z'}}]}"),
            tree("{'choices':[{'index':0,'message':{'content':'x'},'message':null}]}"),
            tree("{'choices':[{'index':0,'finish_reason':null,'finish_reason':'stop'}]}"),
            tree("{'choices':[{'index':0,'delta':{'reasoning':'x','reasoning':'y'}}]}"),
            tree(
                "{'choices':[{'index':0,'delta':{'reasoning_content':'x',"
                    + "'reasoning_content':null}}]}"),
            tree(
                "{'choices':[{'index':0,'usage':{'prompt_tokens':1,'completion_tokens':1},"
                    + "'usage':null}]}"),
            tree(
                "{'choices':[],'usage':{'prompt_tokens':1,'completion_tokens':1},"
                    + "'usage':{'prompt_tokens':2,'completion_tokens':2}}"),
            tree("{'choices':[],'usage':{'prompt_tokens':1,'prompt_tokens':4}}"),
            tree("{'choices':[],'usage':{'completion_tokens':1,'completion_tokens':5}}"),
            tree("{'error':{'message':'x'},'error':null,'choices':[]}"),
            tree("{'error':null,'error':{'message':'late error'}}")));
    streams.add(
        stream(
            "other fields given twice do not matter",
            direct(
                "{'id':'a','id':'b','choices':[{'index':0,'logprobs':null,'logprobs':null,"
                    + "'delta':{'role':'assistant','role':'x','content':'ok'}}]}")));
    streams.add(
        stream(
            "escapes in text and in field names",
            direct(
                "{'choices':[{'index':0,'delta':{'content':'line\\nnext \\'quoted\\' back\\\\"
                    + "slash \\/ \\t tab \\u00e9 \\ud83d\\ude00 \\u4e2d'}}]}"),
            direct("{'choices':[{'index':0,'delta':{'content':' lone \\ud800 \\u0000 end'}}]}"),
            direct("{'ch\\u006fices':[{'ind\\u0065x':1,'d\\u0065lta':{'c\\u006fntent':'esc'}}]}"),
            tree("{'choices':[{'index':0,'delta':{'content':'\\u00zz'}}]}"),
            direct("{'choices':[{'index':0,'finish_reason':'st\\u006fp'}]}")));
    streams.add(
        new Stream(
            "text that is not ASCII is read from a String",
            List.of(
                new Event(
                    null,
                    utf8(json("{'choices':[{'index':0,'delta':{'content':'caf\u00e9'}}]}")),
                    true),
                new Event(
                    null,
                    utf8(
                        json(
                            "{'choices':[{'index':1,'delta':{'content':'\u4e2d\u6587 \ud83d\ude00 \u2014 \u201cq\u201d'}}]}")),
                    true),
                new Event(
                    null,
                    utf8(json("{'choices':[{'index':1,'delta':{'content':'\u2028'}}]}")),
                    true),
                new Event(
                    null,
                    utf8(json("{'choices':[{'index':0,'delta':{'content':'x'},'x':'\u00fc'}]}")),
                    true),
                new Event(
                    null,
                    utf8(json("{'choices':[{'index':0,'delta':{'content':1},'x':'\u00fc'}]}")),
                    false))));
    streams.add(
        new Stream(
            "malformed UTF-8 becomes U+FFFD, as when the line was decoded first",
            List.of(
                new Event(
                    null,
                    concat(
                        utf8(json("{'choices':[{'index':0,'delta':{'content':'a")),
                        bytes(0xFF, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF5, 0x80, 0x80, 0x80),
                        utf8(json("b'}}]}"))),
                    true),
                new Event(
                    null,
                    concat(
                        utf8(json("{'choices':[{'index':0,'delta':{'c")),
                        bytes(0xC1, 0xAF),
                        utf8(json("ntent':'overlong o'}}]}"))),
                    true),
                new Event(
                    null,
                    concat(
                        utf8(json("{'choices':[{'index':0,'delta':{'content':'cut ")),
                        bytes(0xE4, 0xB8),
                        utf8("\n"),
                        utf8(json("'}}]}"))),
                    false))));
    streams.add(
        new Stream(
            "a byte order mark or NUL before the object",
            List.of(
                new Event(
                    null,
                    utf8("\ufeff" + json("{'choices':[{'index':0,'delta':{'content':'b'}}]}")),
                    false),
                new Event(
                    null,
                    utf8("\u0000" + json("{'choices':[{'index':0,'delta':{'content':'n'}}]}")),
                    false),
                new Event(
                    null,
                    utf8(json("{'choices':[{'index':0,'delta':{'content':'x'}}]}") + "\u0000"),
                    true))));
    streams.add(
        stream(
            "whitespace around the data, and data over several lines",
            direct("  \t{'choices':[{'index':0,'delta':{'content':'spaced'}}]}\t  "),
            direct("\u000b\f{'choices':[{'index':0,'delta':{'content':' vt'}}]}\u001f\u001c"),
            direct("{'choices':[{'index':0,\n'delta':{'content':' lines'}}]\n}"),
            direct("\n\n{'choices':[{'index':0,'delta':{'content':' leading lines'}}]}\n"),
            tree("{'choices':[{'index':0,'delta':{'content':'no\nraw newline'}}]}"),
            tree("\u000b\f"),
            tree(""),
            tree("   "),
            tree("\n")));
    streams.add(
        stream(
            "[DONE] with spaces ends the stream; nothing after it counts",
            direct("{'choices':[{'index':0,'delta':{'content':'a'}}]}"),
            tree("  [DONE]\t"),
            direct("{'choices':[{'index':0,'delta':{'content':'after'}}]}"),
            event("error", "{'error':{'message':'after done'}}", false)));
    streams.add(
        stream(
            "[DONE] that is not quite it",
            direct("{'choices':[{'index':0,'delta':{'content':'a'}}]}"),
            tree("[done]"),
            tree("[DONE]x"),
            tree("[ DONE]"),
            tree("'[DONE]'"),
            direct("{'choices':[{'index':0,'delta':{'content':'b'}}]}"),
            tree("[DONE]\n"),
            direct("{'choices':[{'index':0,'delta':{'content':'after'}}]}")));
    streams.add(
        stream(
            "an error event after [DONE] is ignored",
            direct("{'choices':[{'index':0,'delta':{'content':'a'},'finish_reason':'stop'}]}"),
            event("error", "[DONE]", false),
            event("error", "boom", false)));
    streams.add(
        stream(
            "a role chunk alone shows nothing",
            direct("{'choices':[{'index':0,'delta':{'role':'assistant','content':''}}]}"),
            direct("{'choices':[{'index':1,'delta':{'role':'assistant'}}]}")));
    streams.add(stream("nothing but [DONE]", tree("[DONE]")));
    streams.add(
        stream(
            "nesting deeper than Jackson allows, in a field nobody reads",
            direct("{'choices':[{'index':0,'delta':{'content':'a'}}]}"),
            tree(
                "{'choices':[{'index':0,'delta':{'content':'deep'}}],'x':"
                    + "[".repeat(1500)
                    + "]".repeat(1500)
                    + "}"),
            direct(
                "{'choices':[{'index':0,'delta':{'content':' ok'}}],'x':"
                    + "[".repeat(200)
                    + "{}"
                    + "]".repeat(200)
                    + "}")));
    streams.add(
        stream(
            "many choices in one chunk",
            direct(
                "{'choices':["
                    + String.join(
                        ",",
                        java.util.stream.IntStream.range(0, 12)
                            .mapToObj(
                                i ->
                                    "{'index':"
                                        + (11 - i)
                                        + ",'delta':{'content':'t"
                                        + i
                                        + "'},'finish_reason':"
                                        + (i % 3 == 0 ? "'stop'" : "null")
                                        + "}")
                            .toList())
                    + "]}")));
    return streams;
  }

  /** Every chunk of every stream in one long stream, for the state they build together. */
  static Stream everything() {
    List<Event> events = new ArrayList<>();
    for (Stream stream : streams()) {
      for (Event event : stream.events()) {
        if (!event.text().strip().equals("[DONE]")) {
          events.add(event);
        }
      }
    }
    return new Stream("every chunk of the corpus in one stream", events);
  }

  private static Stream stream(String name, Event... events) {
    return new Stream(name, Arrays.asList(events));
  }

  /** A chunk {@link ChunkReader} reads itself. */
  private static Event direct(String data) {
    return new Event(null, utf8(json(data)), true);
  }

  /** Data read as a tree, or not at all. */
  private static Event tree(String data) {
    return new Event(null, utf8(json(data)), false);
  }

  private static Event done() {
    return tree("[DONE]");
  }

  private static Event event(String type, String data, boolean direct) {
    return new Event(type, utf8(json(data)), direct);
  }

  private static String json(String quoted) {
    return quoted.replace('\'', '"');
  }
}
