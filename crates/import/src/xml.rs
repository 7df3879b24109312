//! The XML underneath every importer: events with prefixes stripped, text gathered across
//! entity events, and the safety rules (no entity declarations, no unknown entities).

use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::BufRead;

/// Why an export could not be read. Positions are byte offsets; the caller turns them into a
/// line and column for people.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("malformed XML at byte {offset}: {message}")]
    Malformed { offset: u64, message: String },
    #[error("the file declares entities (byte {offset}); entity tricks are refused")]
    Entities { offset: u64 },
    #[error("unknown entity &{name}; at byte {offset}")]
    UnknownEntity { name: String, offset: u64 },
    #[error("{0}")]
    WrongFormat(String),
}

/// One event, reduced to what the importers need.
#[derive(Debug)]
pub(crate) enum Node {
    /// An element opens (`empty` when it closes at once), by local name, with its attributes
    /// by local name.
    Open {
        name: String,
        attributes: Vec<(String, String)>,
        empty: bool,
    },
    Close {
        name: String,
    },
    Text(String),
    End,
}

/// The value of the attribute with local name `name`, if the element has it.
pub(crate) fn attr<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn local(name: &str) -> String {
    match name.rsplit_once(':') {
        Some((_, local)) => local.to_owned(),
        None => name.to_owned(),
    }
}

/// Reads nodes one at a time from a buffered source.
pub(crate) struct Nodes<R: BufRead> {
    reader: Reader<R>,
    buf: Vec<u8>,
}

impl<R: BufRead> Nodes<R> {
    pub(crate) fn new(source: R) -> Self {
        let mut reader = Reader::from_reader(source);
        reader.config_mut().trim_text(false);
        Nodes {
            reader,
            buf: Vec::new(),
        }
    }

    fn malformed(&self, error: impl std::fmt::Display) -> ReadError {
        ReadError::Malformed {
            offset: self.reader.error_position(),
            message: error.to_string(),
        }
    }

    pub(crate) fn next(&mut self) -> Result<Node, ReadError> {
        loop {
            self.buf.clear();
            let offset = self.reader.buffer_position();
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(event) => event,
                Err(error) => return Err(self.malformed(error)),
            };
            let node = match event {
                Event::Start(ref start) | Event::Empty(ref start) => {
                    let empty = matches!(event, Event::Empty(_));
                    let mut attributes = Vec::new();
                    for attribute in start.attributes().flatten() {
                        let value = attribute
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map_err(|e| ReadError::Malformed {
                                offset,
                                message: e.to_string(),
                            })?
                            .into_owned();
                        attributes.push((local(attribute.key.as_ref()), value));
                    }
                    Node::Open {
                        name: local(start.name().as_ref()),
                        attributes,
                        empty,
                    }
                }
                Event::End(end) => Node::Close {
                    name: local(end.name().as_ref()),
                },
                Event::Text(text) => Node::Text(text.xml10_content().into_owned()),
                Event::CData(data) => Node::Text(data.into_inner().into_owned()),
                Event::GeneralRef(reference) => {
                    if let Ok(Some(c)) = reference.resolve_char_ref() {
                        Node::Text(c.to_string())
                    } else {
                        let name = reference.into_inner().into_owned();
                        let text = match name.as_str() {
                            "lt" => "<",
                            "gt" => ">",
                            "amp" => "&",
                            "apos" => "'",
                            "quot" => "\"",
                            _ => return Err(ReadError::UnknownEntity { name, offset }),
                        };
                        Node::Text(text.to_owned())
                    }
                }
                Event::DocType(doctype) => {
                    if doctype.xml10_content().contains("ENTITY") {
                        return Err(ReadError::Entities { offset });
                    }
                    continue;
                }
                Event::Eof => Node::End,
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => continue,
            };
            return Ok(node);
        }
    }
}
